import Testing
@testable import IAMPolicy

/// Managed policies' facts are remembered per parsed document; the answers must be those of the
/// same policy worked out afresh (as an inline policy is).
@Suite("Shared document facts")
struct SharedFactsTests {
    static let managed = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","iam:PassRole","ec2:RunInstances","logs:PutLogEvnts"],"Resource":"*"},{"Effect":"Allow","NotAction":["iam:*","s3:*"],"Resource":"arn:aws:s3:::bucket/*"}]}"#
    static let inline = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage","dynamodb:GetItem"],"Resource":"*"}]}"#

    static func principals() throws -> (remembered: PrincipalPolicies, afresh: PrincipalPolicies) {
        let shared = try doc(managed)
        let own = NamedPolicy(name: "own", document: try doc(inline))
        let remembered = PrincipalPolicies(policies: [own, NamedPolicy(name: "team", arn: "arn:aws:iam::111122223333:policy/team", document: shared)])
        let afresh = PrincipalPolicies(policies: [own, NamedPolicy(name: "team", document: shared)])
        return (remembered, afresh)
    }

    @Test("granted actions, escalation paths and coverage agree with the facts worked out afresh")
    func sameAnswers() throws {
        let (remembered, afresh) = try Self.principals()
        // Twice: the first call fills the memo, the second reads it.
        for _ in 0..<2 {
            #expect(PolicyAnalysis.grantedActions(remembered) == PolicyAnalysis.grantedActions(afresh))
            #expect(PolicyAnalysis.grantedActions(remembered).contains("iam:PassRole"))
            #expect(PolicyAnalysis.privilegeEscalation(remembered).map(\.path.id) == PolicyAnalysis.privilegeEscalation(afresh).map(\.path.id))
            #expect(PolicyAnalysis.privilegeEscalation(remembered).contains { $0.path.id == "passrole-ec2" })
            let narrow = PrincipalPolicies(policies: [NamedPolicy(name: "ops", document: try doc(Self.inline))])
            let gap = PolicyAnalysis.notCovered(remembered, by: narrow)
            #expect(gap.unknown == ["logs:PutLogEvnts"])
            #expect(gap == PolicyAnalysis.notCovered(afresh, by: narrow))
        }
    }

    @Test("a document sharing its first statement with a remembered one is not mistaken for it")
    func sharedFirstStatement() throws {
        let original = try doc(Self.managed)
        var changed = original
        changed.statements[1] = PolicyStatement(effect: .allow, action: .actions([ActionPattern("kms:Decrypt")]), resource: .resources([ResourcePattern("*")]))
        #expect(changed.statements[0].box === original.statements[0].box)
        let arn = "arn:aws:iam::111122223333:policy/team"
        let first = PolicyAnalysis.grantedActions(PrincipalPolicies(policies: [NamedPolicy(name: "team", arn: arn, document: original)]))
        let second = PolicyAnalysis.grantedActions(PrincipalPolicies(policies: [NamedPolicy(name: "team", arn: arn, document: changed)]))
        #expect(first.contains("sqs:SendMessage"))
        #expect(!second.contains("sqs:SendMessage"))
        #expect(second.contains("kms:Decrypt"))
        #expect(second == PolicyAnalysis.grantedActions(PrincipalPolicies(policies: [NamedPolicy(name: "team", document: changed)])))
    }

    @Test("resource breadth on ASCII bytes matches the character-by-character classification")
    func breadthOnBytes() {
        let patterns = [
            "*", "**", "", "arn:*:*:*:*:*", "arn:aws:*:*:*:*", "arn:aws:iam::*:role/*", "arn:aws:iam::1:role/app-*",
            "arn:aws:iam::1:role/", "arn:aws:s3:::*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", "arn:*:*:*:*:x",
            "arn:aws:secretsmanager:us-east-1:1:secret:*", "arn:aws:secretsmanager:us-east-1:1:secret:app-*",
            "arn:aws:ssm:us-east-1:1:parameter/app/*", "arn:aws:kms:us-east-1:1:key/*", "arn:aws:kms:us-east-1:1:key",
            "arn:aws:logs:us-east-1:1:log-group:/aws/x:*", "arn:aws:iam::1", "arn:aws", "arn:", "ar", "bucket/*",
            "arn:aws:iam::1:role*", "arn:aws:dynamodb:us-east-1:1:table/app", "arn:aws:*:::role/x", "*:*",
        ]
        for pattern in patterns {
            #expect(ResourceBreadth.classify(pattern) == ResourceBreadth.classifyText(pattern), "\(pattern)")
        }
        #expect(ResourceBreadth.classify("arn:aws:iam::1:role/*") == .typeWide)
        #expect(ResourceBreadth.classify("arn:aws:iam::1:role/app") == .scoped)
        #expect(ResourceBreadth.classify("arn:*:*:*:*:*") == .all)
        #expect(ResourceBreadth.classify("arn:aws:iam::1:role/é*") == ResourceBreadth.classifyText("arn:aws:iam::1:role/é*"))
    }

    @Test("statements render their members as the member list lays them out")
    func rendering() throws {
        let document = try doc(#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::c\"d"]},{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"*"},{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":["s3.us-east-1.amazonaws.com"]}}},{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        for statement in document.statements {
            var out = JSONBytes()
            statement.writeMembers(into: &out)
            #expect(out.string == "      " + statement.jsonMembers.joined(separator: ",\n      "))
        }
        #expect(document.json.contains(#""Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::c\"d"]"#))
        #expect(try PolicyDocument(json: document.json) == document)
    }
}
