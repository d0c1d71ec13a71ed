import Testing
@testable import IAMPolicy

@Suite("Statement lines in policy files")
struct StatementLocatorTests {
    @Test func linesOfEachStatement() {
        let text = """
        {
          "Version": "2012-10-17",
          "Id": "Statement [not this]",
          "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},

            {
              "Sid": "with \\"Statement\\" inside",
              "Effect": "Deny", "Action": "*", "Resource": "*"
            }
          ]
        }
        """
        #expect(StatementLocator.lines(in: Array(text.utf8)) == [5, 7])
    }

    @Test func singleStatementObjectAndNestedStatementKeys() {
        let text = "{\"Version\":\"2012-10-17\",\n\"Statement\":\n  {\"Effect\":\"Allow\",\"Condition\":{\"StringEquals\":{\"Statement\":[1]}},\"Action\":\"*\"}}"
        #expect(StatementLocator.lines(in: Array(text.utf8)) == [3])
        #expect(StatementLocator.lines(in: Array("[1, 2]".utf8)).isEmpty)
        #expect(StatementLocator.lines(in: Array("{\"Statement\": [".utf8)).isEmpty)
    }

    @Test func parseErrorsPointAtALine() throws {
        let text = "{\"Statement\":[\n{\"Effect\":\"Allow\",\"Action\":\"*\"},\n{\"Effect\":\"Permit\",\"Action\":\"*\"}]}"
        do {
            _ = try PolicyDocument(json: text)
            Issue.record("a bad Effect must not parse")
        } catch {
            #expect(error.path == "Statement[1].Effect")
            #expect(StatementLocator.line(of: error, in: Array(text.utf8))?.line == 3)
        }
        do {
            _ = try PolicyDocument(json: "{\n  \"Statement\": [,]}")
            Issue.record("bad JSON must not parse")
        } catch {
            let position = StatementLocator.line(of: error, in: [])
            #expect(position?.line == 2 && position?.column != nil)
        }
    }
}

@Suite("Public resource policies")
struct PublicAccessTests {
    @Test func everyoneWithoutConditionIsReported() throws {
        let policy = try doc(#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#)
        #expect(PolicyAnalysis.isResourcePolicy(policy))
        #expect(PolicyAnalysis.publicAccess(policy).map(\.actions) == [["s3:GetObject"]])
    }

    @Test func conditionsNamedPrincipalsDeniesAndAssumeAreNot() throws {
        let policy = try doc("""
        {"Statement":[
          {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}},
          {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"},
          {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"},
          {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}
        ]}
        """)
        #expect(PolicyAnalysis.publicAccess(policy).isEmpty)
        #expect(!PolicyAnalysis.isResourcePolicy(try doc(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)))
    }

    @Test func notPrincipalAllowIsPublic() throws {
        let policy = try doc(#"{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"sqs:SendMessage","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.publicAccess(policy).count == 1)
    }
}

@Suite("Tightening never widens")
struct TightenScopeTests {
    @Test func unknownResourcesKeepTheGrantsResourcesAndConditions() throws {
        let p = try principal("""
        {"Statement":[
          {"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::app/*"},
          {"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:1:key/k","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}},
          {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}
        ]}
        """)
        let result = PolicyAnalysis.tighten(p, used: [UsedAction("s3:GetObject"), UsedAction("kms:Decrypt")])
        let tightened = PrincipalPolicies(policies: [NamedPolicy(name: "t", document: try PolicyDocument(json: result.json))])
        #expect(!tightened.allows(action: "s3:GetObject", resource: "arn:aws:s3:::other/k"))
        #expect(tightened.grants(action: "s3:GetObject").map(\.resources) == [["arn:aws:s3:::app/*"]])
        #expect(tightened.grants(action: "kms:Decrypt").first?.conditionKeys == ["kms:ViaService"])
        #expect(result.document.statements.last?.effect == .deny)
        #expect(result.removedActions == ["s3:DeleteObject"])
    }
}

@Suite("Grants on another service's resources")
struct ResourceScopeTests {
    @Test func notActionScopedToABucketOpensNoIAMPath() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::app-bucket"}]}"#)
        #expect(PolicyAnalysis.privilegeEscalation(p).isEmpty)
    }

    @Test func assumeRoleOnRoleARNsAndWildcardServicesStillCount() throws {
        let assume = try principal(#"{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/*"}]}"#)
        #expect(PolicyAnalysis.privilegeEscalation(assume).map(\.path.id) == ["assume-any-role"])
        let wild = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:*:*:*:*"}]}"#)
        #expect(PolicyAnalysis.privilegeEscalation(wild).map(\.path.id) == ["create-policy-version"])
        let elsewhere = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:s3:::bucket"}]}"#)
        #expect(PolicyAnalysis.privilegeEscalation(elsewhere).isEmpty)
    }
}
