import Testing
@testable import IAMPolicy

@Suite("Evaluation logic")
struct EvaluationTests {
    @Test func implicitDenyByDefaultAndExplicitDenyWins() throws {
        let p = try principal("""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:*","Resource":"*"},
          {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::prod"}
        ]}
        """)
        #expect(p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::prod/x").outcome == .allowed)
        #expect(p.evaluate(action: "s3:DeleteBucket", resource: "arn:aws:s3:::prod").outcome == .explicitDeny)
        #expect(p.evaluate(action: "s3:DeleteBucket", resource: "arn:aws:s3:::dev").outcome == .allowed)
        #expect(p.evaluate(action: "ec2:RunInstances", resource: "*").outcome == .implicitDeny)
        let denied = p.evaluate(action: "s3:DeleteBucket", resource: "arn:aws:s3:::prod")
        #expect(denied.deniedBy.map(\.index) == [1])
        #expect(denied.allowedBy.map(\.index) == [0])
    }

    @Test func actionMatchingIsCaseInsensitiveWithWildcards() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["S3:get*","ec2:Describe?nstances"],"Resource":"*"}]}"#)
        #expect(p.allows(action: "s3:GetObject", resource: "arn:aws:s3:::b/k"))
        #expect(p.allows(action: "S3:GETOBJECTACL", resource: "arn:aws:s3:::b/k"))
        #expect(!p.allows(action: "s3:PutObject", resource: "arn:aws:s3:::b/k"))
        #expect(p.allows(action: "ec2:DescribeInstances", resource: "*"))
        #expect(!p.allows(action: "ec2:DescribeIInstances", resource: "*"))
    }

    @Test func resourceArnsMatchSegmentWiseAndCaseSensitively() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:*:123456789012:log-group:/aws/elasticbeanstalk/*"}]}"#)
        #expect(p.allows(action: "logs:PutLogEvents", resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/elasticbeanstalk/app/x:log-stream:i-1"))
        // `*` in the region segment does not swallow the account segment.
        #expect(!p.allows(action: "logs:PutLogEvents", resource: "arn:aws:logs:eu-west-1:999999999999:log-group:/aws/elasticbeanstalk/x"))
        #expect(!p.allows(action: "logs:PutLogEvents", resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/AWS/elasticbeanstalk/x"))
        let q = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-?/*"}]}"#)
        #expect(q.allows(action: "s3:GetObject", resource: "arn:aws:s3:::bucket-a/key"))
        #expect(!q.allows(action: "s3:GetObject", resource: "arn:aws:s3:::bucket-ab/key"))
    }

    @Test func regionWildcardCannotSpanSegments() throws {
        // Whole-string globbing would let `arn:aws:ec2:*` match across colons; segment-wise it must
        // still respect that the pattern's account is literal.
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:*:111111111111:instance/*"}]}"#)
        #expect(p.allows(action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111111111111:instance/i-1"))
        #expect(!p.allows(action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:222222222222:instance/i-1"))
        #expect(!p.allows(action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111111111111:volume/v-1"))
    }

    @Test func notActionWithAllowGrantsEverythingElse() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#)
        #expect(p.allows(action: "s3:DeleteBucket", resource: "arn:aws:s3:::b"))
        #expect(p.allows(action: "sts:AssumeRole", resource: "arn:aws:iam::1:role/r"))
        #expect(!p.allows(action: "iam:CreateUser", resource: "*"))
        #expect(!p.allows(action: "IAM:createuser", resource: "*"))
    }

    @Test func denyWithNotResourceDeniesEverythingOutsideTheListedResources() throws {
        let p = try principal("""
        {"Statement":[
          {"Effect":"Allow","Action":"s3:*","Resource":"*"},
          {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::app","arn:aws:s3:::app/*"]}
        ]}
        """)
        #expect(p.allows(action: "s3:GetObject", resource: "arn:aws:s3:::app/k"))
        #expect(p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::other/k").outcome == .explicitDeny)
        // "On every resource?" — no: the deny covers all but the app bucket.
        #expect(p.evaluate(action: "s3:GetObject", resource: "*").outcome == .explicitDeny)
    }

    @Test func permissionsBoundaryIntersects() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                              boundary: #"{"Statement":[{"Effect":"Allow","Action":["s3:*","logs:*"],"Resource":"*"}]}"#)
        #expect(p.allows(action: "s3:GetObject", resource: "arn:aws:s3:::b/k"))
        let decision = p.evaluate(action: "iam:CreateUser", resource: "*")
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.missingAllowIn == .permissionsBoundary)
        // The boundary alone grants nothing.
        let onlyBoundary = PrincipalPolicies(policies: [], permissionsBoundary: try doc(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#))
        #expect(onlyBoundary.evaluate(action: "s3:GetObject", resource: "*").missingAllowIn == .identity)
        // An explicit deny in the boundary is an explicit deny.
        let denyingBoundary = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                                            boundary: #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#)
        #expect(denyingBoundary.evaluate(action: "iam:PassRole", resource: "*").outcome == .explicitDeny)
    }

    @Test func serviceControlPoliciesIntersect() throws {
        var p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        p.serviceControlPolicies = [try doc(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"organizations:*","Resource":"*"}]}"#)]
        #expect(p.allows(action: "s3:GetObject", resource: "*"))
        #expect(p.evaluate(action: "organizations:LeaveOrganization", resource: "*").outcome == .explicitDeny)
    }

    @Test func unknownConditionsMakeAllowsConditionalAndDoNotApplyDenies() throws {
        let p = try principal("""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
          {"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}
        ]}
        """)
        let unknown = p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        #expect(unknown.outcome == .allowed)
        #expect(unknown.isConditional)
        #expect(unknown.unresolvedKeys == ["aws:SecureTransport", "aws:SourceIp"])

        let inside = RequestContext(single: ["aws:SourceIp": "10.1.2.3", "aws:SecureTransport": "true"], isComplete: true)
        let allowed = p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: inside)
        #expect(allowed.outcome == .allowed)
        #expect(!allowed.isConditional)

        let outside = RequestContext(single: ["aws:SourceIp": "192.168.0.1", "aws:SecureTransport": "true"], isComplete: true)
        #expect(p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: outside).outcome == .implicitDeny)

        let plaintext = RequestContext(single: ["aws:SourceIp": "10.1.2.3", "aws:SecureTransport": "false"], isComplete: true)
        #expect(p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: plaintext).outcome == .explicitDeny)
    }

    @Test func absentKeysFollowIAMRules() throws {
        let complete = RequestContext([:], isComplete: true)
        func check(_ condition: String) throws -> Decision.Outcome {
            try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":\#(condition)}]}"#)
                .evaluate(action: "s3:GetObject", resource: "*", context: complete).outcome
        }
        #expect(try check(#"{"StringEquals":{"aws:PrincipalTag/team":"a"}}"#) == .implicitDeny)
        #expect(try check(#"{"StringNotEquals":{"aws:PrincipalTag/team":"a"}}"#) == .allowed)
        #expect(try check(#"{"StringEqualsIfExists":{"aws:PrincipalTag/team":"a"}}"#) == .allowed)
        #expect(try check(#"{"Null":{"aws:PrincipalTag/team":"true"}}"#) == .allowed)
        #expect(try check(#"{"Null":{"aws:PrincipalTag/team":"false"}}"#) == .implicitDeny)
        #expect(try check(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}"#) == .allowed)
        #expect(try check(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}"#) == .implicitDeny)
    }

    @Test func ifExistsStillAppliesWhenTheKeyIsPresent() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringEqualsIfExists":{"ec2:InstanceType":["t3.micro","t3.small"]}}}]}"#)
        #expect(p.allows(action: "ec2:RunInstances", context: RequestContext(single: ["ec2:InstanceType": "t3.micro"], isComplete: true)))
        #expect(!p.allows(action: "ec2:RunInstances", context: RequestContext(single: ["ec2:InstanceType": "p4d.24xlarge"], isComplete: true)))
        #expect(p.allows(action: "ec2:RunInstances", context: RequestContext([:], isComplete: true)))
    }

    @Test func setQualifiersOnMultiValuedKeys() throws {
        let all = try principal(#"{"Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}]}"#)
        #expect(all.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env"]], isComplete: true)))
        #expect(all.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env", "team"]], isComplete: true)))
        #expect(!all.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env", "owner"]], isComplete: true)))
        let any = try principal(#"{"Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["cost*"]}}}]}"#)
        #expect(any.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env", "costcenter"]], isComplete: true)))
        #expect(!any.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env", "owner"]], isComplete: true)))
        let noneOf = try principal(#"{"Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringNotEquals":{"aws:TagKeys":["admin"]}}}]}"#)
        #expect(noneOf.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env", "owner"]], isComplete: true)))
        #expect(!noneOf.allows(action: "ec2:CreateTags", context: RequestContext(["aws:TagKeys": ["env", "admin"]], isComplete: true)))
    }

    @Test(arguments: [
        (#"{"NumericLessThan":{"k":"10"}}"#, "9", true), (#"{"NumericLessThan":{"k":10}}"#, "10", false),
        (#"{"NumericGreaterThanEquals":{"k":"10"}}"#, "10", true), (#"{"NumericNotEquals":{"k":"3"}}"#, "3", false),
        (#"{"NumericEquals":{"k":"3"}}"#, "abc", false),
        (#"{"DateGreaterThan":{"k":"2024-01-01T00:00:00Z"}}"#, "2024-06-01T12:00:00Z", true),
        (#"{"DateLessThan":{"k":"2024-01-01T00:00:00Z"}}"#, "2024-06-01T12:00:00Z", false),
        (#"{"DateLessThanEquals":{"k":"1700000000"}}"#, "2023-01-01T00:00:00Z", true),
        (#"{"Bool":{"k":"true"}}"#, "TRUE", true), (#"{"Bool":{"k":true}}"#, "false", false),
        (#"{"StringEqualsIgnoreCase":{"k":"Prod"}}"#, "PROD", true), (#"{"StringEquals":{"k":"Prod"}}"#, "PROD", false),
        (#"{"StringLike":{"k":"app-*-v?"}}"#, "app-web-v2", true), (#"{"StringNotLike":{"k":"app-*"}}"#, "app-x", false),
        (#"{"IpAddress":{"k":"203.0.113.0/24"}}"#, "203.0.113.77", true), (#"{"IpAddress":{"k":"203.0.113.0/24"}}"#, "203.0.114.1", false),
        (#"{"NotIpAddress":{"k":["10.0.0.0/8"]}}"#, "11.0.0.1", true), (#"{"IpAddress":{"k":"2001:db8::/32"}}"#, "2001:db8:1::5", true),
        (#"{"IpAddress":{"k":"2001:db8::/32"}}"#, "2001:db9::5", false),
        (#"{"ArnLike":{"k":"arn:aws:iam::*:role/eb-*"}}"#, "arn:aws:iam::1:role/eb-web", true),
        (#"{"ArnEquals":{"k":"arn:aws:iam::1:role/x"}}"#, "arn:aws:iam::2:role/x", false),
        (#"{"ArnNotLike":{"k":"arn:aws:iam::1:*"}}"#, "arn:aws:iam::2:role/x", true),
        (#"{"BinaryEquals":{"k":"QmluYXJ5"}}"#, "QmluYXJ5", true),
    ])
    func conditionOperators(condition: String, value: String, allowed: Bool) throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":\#(condition)}]}"#)
        #expect(p.allows(action: "s3:GetObject", context: RequestContext(single: ["k": value], isComplete: true)) == allowed)
    }

    @Test func unsupportedOperatorIsConditionalNotAPass() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringMatchesRegex":{"k":"x"}}}]}"#)
        let decision = p.evaluate(action: "s3:GetObject", resource: "*", context: RequestContext(single: ["k": "x"], isComplete: true))
        #expect(decision.isAllowed && decision.isConditional)
        #expect(decision.unresolvedKeys == ["k"])
    }

    @Test func conditionKeyNamesAreCaseInsensitive() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"stringequals":{"AWS:PrincipalTag/Team":"web"}}}]}"#)
        #expect(p.allows(action: "s3:GetObject", context: RequestContext(single: ["aws:principaltag/team": "web"], isComplete: true)))
    }

    @Test func policyVariablesResolveFromContextOrStayConditional() throws {
        let p = try principal(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#)
        let alice = RequestContext(single: ["aws:username": "alice"], isComplete: true)
        #expect(p.allows(action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/f", context: alice))
        #expect(!p.allows(action: "s3:GetObject", resource: "arn:aws:s3:::home/bob/f", context: alice))
        let unknown = p.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::home/bob/f")
        #expect(unknown.isAllowed && unknown.isConditional)
        // In version 2008-10-17 `${...}` is literal text.
        let old = try principal(#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#)
        #expect(!old.allows(action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/f", context: alice))
    }

    @Test func wildcardQueriesAskAboutAllResources() throws {
        let scoped = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/eb-*"}]}"#)
        #expect(!scoped.allows(action: "iam:PassRole", resource: "*"))
        #expect(scoped.allows(action: "iam:PassRole", resource: "arn:aws:iam::1:role/eb-web"))
        #expect(scoped.allows(action: "iam:PassRole", resource: "arn:aws:iam::1:role/eb-*"))
        #expect(!scoped.allows(action: "iam:PassRole", resource: "arn:aws:iam::1:role/*"))
        let broad = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/admin"}]}"#)
        // A deny on part of the space does not make "allowed on *" false.
        #expect(broad.allows(action: "iam:PassRole", resource: "*"))
        #expect(!broad.allows(action: "iam:PassRole", resource: "arn:aws:iam::1:role/admin"))
        #expect(broad.allows(action: "iam:*", resource: "*"))
        #expect(!broad.allows(action: "*", resource: "*"))
    }

    @Test func resourcePoliciesMatchPrincipals() throws {
        let bucket = try doc("""
        {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
                      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/app"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}
        """)
        let inAccount = RequestContext(caller: .aws(arn: "arn:aws:iam::111111111111:role/any"))
        #expect(bucket.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: inAccount).isAllowed)
        #expect(!bucket.evaluate(action: "s3:PutObject", resource: "arn:aws:s3:::b/k", context: inAccount).isAllowed)
        let session = RequestContext(caller: .aws(arn: "arn:aws:sts::222222222222:assumed-role/app/i-123"))
        #expect(bucket.evaluate(action: "s3:PutObject", resource: "arn:aws:s3:::b/k", context: session).isAllowed)
        let stranger = RequestContext(caller: .aws(arn: "arn:aws:iam::333333333333:user/x"))
        #expect(!bucket.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: stranger).isAllowed)
    }

    @Test func trustPolicyEvaluatesForServiceCallers() throws {
        let trust = try doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        #expect(trust.evaluate(action: "sts:AssumeRole", context: RequestContext(caller: .service("ec2.amazonaws.com"))).isAllowed)
        #expect(!trust.evaluate(action: "sts:AssumeRole", context: RequestContext(caller: .service("lambda.amazonaws.com"))).isAllowed)
    }
}
