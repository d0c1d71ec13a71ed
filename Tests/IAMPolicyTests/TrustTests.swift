import Testing
@testable import IAMPolicy

@Suite("Trust policy analysis")
struct TrustTests {
    static let ec2Trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let ebServiceTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"elasticbeanstalk.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"elasticbeanstalk"}}}]}"#

    @Test func tightInstanceRoleTrustHasNoIssues() throws {
        #expect(TrustAnalysis.analyze(try doc(Self.ec2Trust), expectedServices: ["ec2.amazonaws.com"], ownAccount: "111111111111").isEmpty)
    }

    @Test func tightServiceRoleTrustHasNoIssues() throws {
        #expect(TrustAnalysis.analyze(try doc(Self.ebServiceTrust), expectedServices: ["elasticbeanstalk.amazonaws.com"],
                                      requiredExternalId: "elasticbeanstalk", ownAccount: "111111111111").isEmpty)
    }

    @Test func serviceRoleWithoutOrWithWrongExternalId() throws {
        let missing = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"elasticbeanstalk.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#),
                                            expectedServices: ["elasticbeanstalk.amazonaws.com"], requiredExternalId: "elasticbeanstalk")
        #expect(missing.map(\.kind) == [.missingExternalId(expected: "elasticbeanstalk")])
        let wrong = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"elasticbeanstalk.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"other"}}}]}"#),
                                          expectedServices: ["elasticbeanstalk.amazonaws.com"], requiredExternalId: "elasticbeanstalk")
        #expect(wrong.map(\.kind) == [.wrongExternalId(expected: "elasticbeanstalk", found: ["other"])])
    }

    @Test func extraServicesAndPrincipalsOnAnInstanceRole() throws {
        let trust = try doc("""
        {"Statement":[{"Sid":"T","Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"],"AWS":"arn:aws:iam::111111111111:role/ops"},"Action":"sts:AssumeRole"}]}
        """)
        let kinds = TrustAnalysis.analyze(trust, expectedServices: ["ec2.amazonaws.com"], ownAccount: "111111111111").map(\.kind)
        #expect(kinds == [.unexpectedService("lambda.amazonaws.com"), .unexpectedPrincipal("arn:aws:iam::111111111111:role/ops")])
    }

    @Test func everyoneWithoutConditionIsFlaggedAndWithOrgConditionIsNot() throws {
        let open = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#))
        #expect(open.map(\.kind) == [.everyone])
        #expect(open[0].evidence[0].statement.index == 0)
        let awsStar = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#))
        #expect(awsStar.map(\.kind) == [.everyone])
        let org = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}"#))
        #expect(org.isEmpty)
    }

    @Test func crossAccountNeedsARestrictingCondition() throws {
        let bare = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}"#),
                                         ownAccount: "111111111111")
        #expect(bare.map(\.kind) == [.crossAccountWithoutCondition(account: "222222222222")])
        let withExternalId = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}]}"#),
                                                   ownAccount: "111111111111")
        #expect(withExternalId.isEmpty)
        let sameAccount = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/ci"},"Action":"sts:AssumeRole"}]}"#),
                                                ownAccount: "111111111111")
        #expect(sameAccount.isEmpty)
    }

    @Test func federatedProvidersNeedSubjectConditions() throws {
        let github = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"
        let loose = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(github)"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}"#))
        #expect(loose.map(\.kind) == [.federatedWithoutCondition(provider: github)])
        let pinned = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(github)"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}}]}"#))
        #expect(pinned.isEmpty)
    }

    @Test func notPrincipalAllowAndMissingExpectedService() throws {
        let issues = TrustAnalysis.analyze(try doc(#"{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:user/x"},"Action":"sts:AssumeRole"}]}"#),
                                           expectedServices: ["ec2.amazonaws.com"])
        #expect(issues.map(\.kind) == [.notPrincipal, .missingExpectedService("ec2.amazonaws.com")])
    }

    @Test func statementsNotGrantingAssumeAreIgnored() throws {
        let trust = try doc(#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:TagSession"},{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:*"}]}"#)
        #expect(TrustAnalysis.analyze(trust, expectedServices: ["ec2.amazonaws.com"]).isEmpty)
        let who = TrustAnalysis.trustedPrincipals(trust)
        #expect(who.map(\.entry) == [PrincipalEntry(kind: .service, value: "ec2.amazonaws.com")])
    }
}
