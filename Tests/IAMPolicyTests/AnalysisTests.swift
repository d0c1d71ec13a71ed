import Testing
@testable import IAMPolicy

@Suite("Administrative access and wildcards")
struct AdminAndWildcardTests {
    @Test func starOnStarIsAdministrativeAndEscalationCapable() throws {
        let p = try principal(#"{"Statement":[{"Sid":"God","Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        let admin = PolicyAnalysis.administrativeAccess(p)
        #expect(admin.map(\.reason) == [.allActions])
        #expect(admin[0].evidence[0].statement.sid == "God")
        #expect(admin[0].summary.contains("Statement[0]"))
        let escalation = PolicyAnalysis.privilegeEscalation(p)
        #expect(escalation.count == EscalationPath.all.count)
        #expect(PolicyAnalysis.serviceWideWildcards(p).map(\.service) == ["*"])
    }

    @Test func iamStarIsAdministrative() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","iam:*"],"Resource":"*"}]}"#)
        #expect(PolicyAnalysis.administrativeAccess(p).map(\.reason) == [.iamWildcard])
    }

    @Test func scopedOrDeniedWildcardsAreNotAdministrative() throws {
        let scoped = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::bucket/*"}]}"#)
        #expect(PolicyAnalysis.administrativeAccess(scoped).isEmpty)
        let denied = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.administrativeAccess(denied).isEmpty)
        #expect(PolicyAnalysis.privilegeEscalation(denied).isEmpty)
        let bounded = try principal(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                                    boundary: #"{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.administrativeAccess(bounded).isEmpty)
        #expect(PolicyAnalysis.privilegeEscalation(bounded).isEmpty)
    }

    @Test func notActionAllowLeavingIAMIsAdministrative() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}"#)
        let admin = PolicyAnalysis.administrativeAccess(p)
        #expect(admin.map(\.reason) == [.notAction])
        #expect(admin[0].summary.contains("iam:AttachRolePolicy"))
    }

    @Test func notActionExcludingIAMButLeavingMostOfAWSIsAdministrative() throws {
        // PowerUserAccess-shaped.
        let p = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}"#)
        let admin = PolicyAnalysis.administrativeAccess(p)
        #expect(admin.map(\.reason) == [.notAction])
        #expect(admin[0].summary.contains("PowerUser-like"))
    }

    @Test func notActionLeavingLittleIsNotAdministrative() throws {
        let catalog = ActionCatalog.shared
        try #require(catalog.actionCount > 0)
        // Exclude every service except s3: what remains is s3 only.
        let excluded = catalog.servicePrefixes.filter { $0 != "s3" }.map { "\"\($0):*\"" }.joined(separator: ",")
        let p = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":[\#(excluded)],"Resource":"*"}]}"#)
        #expect(PolicyAnalysis.administrativeAccess(p).isEmpty)
        #expect(p.allows(action: "s3:GetObject"))
    }

    @Test func managedAdminPoliciesAreReportedByName() throws {
        for name in ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] {
            let arn = "arn:aws:iam::aws:policy/\(name)"
            let policy = try #require(NamedPolicy.managed(arn: arn))
            let findings = PolicyAnalysis.administrativeAccess(PrincipalPolicies(policies: [policy]))
            #expect(findings.count == 1)
            #expect(findings.first?.reason == .managedPolicy(name))
            #expect(findings.first?.evidence.first?.statement.policyArn == arn)
        }
    }

    @Test func serviceWideWildcardsAreFoundPerService() throws {
        let p = try principal("""
        {"Statement":[
          {"Sid":"Data","Effect":"Allow","Action":["s3:*","kms:*","dynamodb:GetItem"],"Resource":"*"},
          {"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:*:1:queue"},
          {"Effect":"Allow","Action":"secretsmanager:*","NotResource":"arn:aws:secretsmanager:*:1:secret:admin"}
        ]}
        """)
        let found = PolicyAnalysis.serviceWideWildcards(p)
        #expect(found.map(\.service) == ["s3", "kms", "secretsmanager"])
        #expect(found[0].evidence[0].statement.sid == "Data")
        #expect(found[0].evidence[0].actions == ["s3:*"])
    }

    @Test func denyOfTheWholeServiceCancelsTheWildcard() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:*","ssm:*"],"Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.serviceWideWildcards(p).map(\.service) == ["ssm"])
    }
}

@Suite("Privilege escalation")
struct EscalationTests {
    static let minimal: [(String, String)] = [
        ("create-policy-version", "iam:CreatePolicyVersion"),
        ("set-default-policy-version", "iam:SetDefaultPolicyVersion"),
        ("attach-user-policy", "iam:AttachUserPolicy"),
        ("attach-group-policy", "iam:AttachGroupPolicy"),
        ("attach-role-policy", "iam:AttachRolePolicy"),
        ("put-user-policy", "iam:PutUserPolicy"),
        ("put-group-policy", "iam:PutGroupPolicy"),
        ("put-role-policy", "iam:PutRolePolicy"),
        ("add-user-to-group", "iam:AddUserToGroup"),
        ("create-access-key", "iam:CreateAccessKey"),
        ("create-login-profile", "iam:CreateLoginProfile"),
        ("update-login-profile", "iam:UpdateLoginProfile"),
        ("delete-role-boundary", "iam:DeleteRolePermissionsBoundary"),
        ("delete-user-boundary", "iam:DeleteUserPermissionsBoundary"),
        ("put-role-boundary", "iam:PutRolePermissionsBoundary"),
        ("update-assume-role-policy", "iam:UpdateAssumeRolePolicy,sts:AssumeRole"),
        ("assume-any-role", "sts:AssumeRole"),
        ("passrole-ec2", "iam:PassRole,ec2:RunInstances"),
        ("passrole-ec2-associate", "iam:PassRole,ec2:AssociateIamInstanceProfile"),
        ("passrole-ec2-replace", "iam:PassRole,ec2:ReplaceIamInstanceProfileAssociation"),
        ("passrole-lambda-invoke", "iam:PassRole,lambda:CreateFunction,lambda:InvokeFunction"),
        ("passrole-lambda-esm", "iam:PassRole,lambda:CreateFunction,lambda:CreateEventSourceMapping"),
        ("lambda-update-code", "lambda:UpdateFunctionCode"),
        ("lambda-update-configuration", "lambda:UpdateFunctionConfiguration"),
        ("passrole-cloudformation", "iam:PassRole,cloudformation:CreateStack"),
        ("passrole-glue-dev-endpoint", "iam:PassRole,glue:CreateDevEndpoint"),
        ("glue-update-dev-endpoint", "glue:UpdateDevEndpoint"),
        ("passrole-glue-job", "iam:PassRole,glue:CreateJob,glue:StartJobRun"),
        ("passrole-datapipeline", "iam:PassRole,datapipeline:CreatePipeline,datapipeline:PutPipelineDefinition"),
        ("passrole-ecs", "iam:PassRole,ecs:RegisterTaskDefinition,ecs:RunTask"),
        ("passrole-codebuild", "iam:PassRole,codebuild:CreateProject,codebuild:StartBuild"),
        ("passrole-sagemaker-notebook", "iam:PassRole,sagemaker:CreateNotebookInstance,sagemaker:CreatePresignedNotebookInstanceUrl"),
        ("passrole-sagemaker-training", "iam:PassRole,sagemaker:CreateTrainingJob"),
        ("passrole-autoscaling", "iam:PassRole,autoscaling:CreateLaunchConfiguration,autoscaling:CreateAutoScalingGroup"),
        ("passrole-elasticbeanstalk", "iam:PassRole,elasticbeanstalk:CreateEnvironment"),
        ("ssm-send-command", "ssm:SendCommand"),
        ("cloudformation-change-set", "cloudformation:CreateChangeSet,cloudformation:ExecuteChangeSet"),
        ("ec2-user-data", "ec2:ModifyInstanceAttribute,ec2:StopInstances,ec2:StartInstances"),
        ("ec2-launch-template", "ec2:CreateLaunchTemplateVersion,ec2:ModifyLaunchTemplate"),
        ("ec2-instance-connect", "ec2-instance-connect:SendSSHPublicKey"),
        ("ecs-execute-command", "ecs:ExecuteCommand"),
        ("sagemaker-notebook-url", "sagemaker:CreatePresignedNotebookInstanceUrl"),
    ]

    static func policy(_ actions: [String]) -> String {
        #"{"Statement":[{"Effect":"Allow","Action":[\#(actions.map { "\"\($0)\"" }.joined(separator: ","))],"Resource":"*"}]}"#
    }

    @Test func everyPathInTheTableHasATestCase() {
        #expect(Set(Self.minimal.map(\.0)) == Set(EscalationPath.all.map(\.id)))
    }

    @Test(arguments: minimal)
    func minimalPolicyHasThePathAndDroppingAnyActionRemovesIt(id: String, actionList: String) throws {
        let actions = actionList.split(separator: ",").map(String.init)
        let p = try principal(Self.policy(actions))
        let found = PolicyAnalysis.privilegeEscalation(p)
        #expect(found.contains { $0.path.id == id }, "\(id) not found for \(actions)")
        let finding = try #require(found.first { $0.path.id == id })
        #expect(finding.evidence.count == finding.path.requirements.count)
        for dropped in actions.indices {
            var fewer = actions
            fewer.remove(at: dropped)
            let without = try principal(Self.policy(fewer.isEmpty ? ["s3:GetObject"] : fewer))
            #expect(!PolicyAnalysis.privilegeEscalation(without).contains { $0.path.id == id }, "\(id) still found without \(actions[dropped])")
        }
    }

    @Test func theStandardTableGivesWhatCheckingEveryPathGives() throws {
        let policies = [
            #"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","logs:PutLogEvents"],"Resource":"*"}]}"#,
            #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            #"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#,
            #"{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]}"#,
        ]
        for json in policies {
            let p = try principal(json)
            // (An explicit table takes no shortcut: every path is checked.)
            #expect(PolicyAnalysis.privilegeEscalation(p) == PolicyAnalysis.privilegeEscalation(p, paths: EscalationPath.all), "\(json)")
        }
        #expect(PolicyAnalysis.privilegeEscalation(try principal(policies[0])).isEmpty)
        #expect(PolicyAnalysis.privilegeEscalation(try principal(policies[1])).count == EscalationPath.all.count)
    }

    @Test func passRoleScopedToOneRoleIsNotAnEscalation() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/app-web"},{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}"#)
        #expect(!PolicyAnalysis.privilegeEscalation(p).contains { $0.path.id == "passrole-ec2" })
        let typeWide = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/*"},{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}"#)
        #expect(PolicyAnalysis.privilegeEscalation(typeWide).contains { $0.path.id == "passrole-ec2" })
    }

    @Test func explicitDenyRemovesAPath() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":["iam:CreatePolicyVersion","iam:Attach*"],"Resource":"*"}]}"#)
        let ids = Set(PolicyAnalysis.privilegeEscalation(p).map(\.path.id))
        #expect(!ids.contains("create-policy-version"))
        #expect(!ids.contains("attach-role-policy"))
        #expect(ids.contains("put-role-policy"))
    }

    @Test func notResourceAllowOnPassRoleStillCountsAsBroad() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"NotResource":"arn:aws:iam::1:role/admin"}]}"#)
        #expect(PolicyAnalysis.privilegeEscalation(p).contains { $0.path.id == "passrole-ec2" })
    }

    @Test func notActionAllowIsCheckedForEscalation() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*"],"Resource":"*"}]}"#)
        let ids = Set(PolicyAnalysis.privilegeEscalation(p).map(\.path.id))
        #expect(ids.contains("assume-any-role"))
        #expect(ids.contains("lambda-update-code"))
        #expect(!ids.contains("passrole-ec2"))
        #expect(!ids.contains("put-role-policy"))
    }

    @Test func conditionalGrantsAreMarked() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#)
        let found = try #require(PolicyAnalysis.privilegeEscalation(p).first)
        #expect(found.isConditional)
        #expect(found.evidence[0].conditionKeys == ["aws:MultiFactorAuthPresent"])
    }

    @Test func wildcardActionsShowWhatTheyGrant() throws {
        let p = try principal(#"{"Statement":[{"Sid":"X","Effect":"Allow","Action":"iam:Put*","Resource":"*"}]}"#)
        let found = try #require(PolicyAnalysis.privilegeEscalation(p).first { $0.path.id == "put-role-policy" })
        #expect(found.evidence[0].actions == ["iam:Put* (grants iam:PutRolePolicy)"])
        #expect(found.summary.contains("Sid \"X\""))
    }
}

@Suite("Secret read scope, PassRole, allows")
struct ScopeTests {
    @Test func secretReadsOnStarAreUnscopedAndNamedArnsAreScoped() throws {
        let p = try principal("""
        {"Statement":[
          {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:1:secret:prod/app-*"},
          {"Effect":"Allow","Action":"ssm:GetParameter*","Resource":"arn:aws:ssm:eu-west-1:1:parameter/*"},
          {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}
        ]}
        """)
        let scopes = Dictionary(uniqueKeysWithValues: PolicyAnalysis.secretReadScope(p).map { ($0.action, $0) })
        #expect(scopes["secretsmanager:GetSecretValue"]?.isUnscoped == false)
        #expect(scopes["secretsmanager:GetSecretValue"]?.resources == ["arn:aws:secretsmanager:eu-west-1:1:secret:prod/app-*"])
        #expect(scopes["ssm:GetParameter"]?.breadth == .typeWide)
        #expect(scopes["ssm:GetParametersByPath"]?.isUnscoped == true)
        #expect(scopes["kms:Decrypt"]?.breadth == .all)
        #expect(scopes.count == 6)
        #expect(scopes["secretsmanager:GetSecretValue"]?.summary
            == "secretsmanager:GetSecretValue is allowed only on named resources: arn:aws:secretsmanager:eu-west-1:1:secret:prod/app-*")
        #expect(scopes["ssm:GetParameter"]?.summary == "ssm:GetParameter is allowed on every resource of its type: arn:aws:ssm:eu-west-1:1:parameter/*")
        #expect(scopes["kms:Decrypt"]?.summary == "kms:Decrypt is allowed on every resource: *")
    }

    @Test func aMinimumBreadthListsOnlyTheWiderReadsAndTheSameScopes() throws {
        let p = try principal("""
        {"Statement":[
          {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:1:secret:prod/app-*"},
          {"Effect":"Allow","Action":"ssm:GetParameter","Resource":["arn:aws:ssm:eu-west-1:1:parameter/*","arn:aws:ssm:eu-west-1:1:parameter/app"]},
          {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ssm.eu-west-1.amazonaws.com"}}}
        ]}
        """)
        let all = PolicyAnalysis.secretReadScope(p)
        let unscoped = PolicyAnalysis.secretReadScope(p, minimum: .typeWide)
        #expect(unscoped.map(\.action) == ["ssm:GetParameter", "kms:Decrypt"])
        #expect(unscoped == all.filter(\.isUnscoped))
        #expect(PolicyAnalysis.secretReadScope(p, minimum: .all).map(\.action) == ["kms:Decrypt"])
        #expect(PolicyAnalysis.secretReadScope(p, minimum: .scoped) == all)
    }

    @Test func noSecretGrantsMeansEmpty() throws {
        #expect(PolicyAnalysis.secretReadScope(try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#)).isEmpty)
    }

    @Test func passRoleResourcesAndLimit() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":["arn:aws:iam::1:role/app-ec2","arn:aws:iam::1:role/app-service"],"Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}"#)
        let scope = try #require(PolicyAnalysis.passRoleResources(p))
        #expect(scope.resources == ["arn:aws:iam::1:role/app-ec2", "arn:aws:iam::1:role/app-service"])
        #expect(!scope.isUnrestricted)
        #expect(scope.passedToServices == ["ec2.amazonaws.com"])
        #expect(scope.summary == "iam:PassRole is allowed on arn:aws:iam::1:role/app-ec2, arn:aws:iam::1:role/app-service (to ec2.amazonaws.com)")
        #expect(scope.isLimited(to: ["arn:aws:iam::1:role/app-*"]))
        #expect(!scope.isLimited(to: ["arn:aws:iam::1:role/app-ec2"]))
        let wide = try #require(PolicyAnalysis.passRoleResources(try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#)))
        #expect(wide.isUnrestricted)
        #expect(wide.summary == "iam:PassRole is allowed on *")
        #expect(!wide.isLimited(to: ["arn:aws:iam::1:role/app-*"]))
        #expect(PolicyAnalysis.passRoleResources(try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)) == nil)
    }

    @Test func partialDenyNarrowsGrants() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":["arn:aws:iam::1:role/a","arn:aws:iam::1:role/b"]},{"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::1:role/a"}]}"#)
        #expect(PolicyAnalysis.passRoleResources(p)?.resources == ["arn:aws:iam::1:role/b"])
    }

    @Test func boundaryNarrowsGrants() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}"#,
                              boundary: #"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/eb-*"}]}"#)
        let scope = try #require(PolicyAnalysis.passRoleResources(p))
        #expect(scope.resources == ["arn:aws:iam::1:role/eb-*"])
        #expect(!scope.isUnrestricted)
    }

    @Test func putInstanceStatisticsFromTheManagedWebTierPolicy() throws {
        let webTier = try #require(NamedPolicy.managed(arn: "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier"))
        let p = PrincipalPolicies(policies: [webTier])
        #expect(PolicyAnalysis.allows(p, action: "elasticbeanstalk:PutInstanceStatistics", resource: "arn:aws:elasticbeanstalk:eu-west-1:1:environment/app/env").isAllowed)
        #expect(!PolicyAnalysis.allows(p, action: "iam:CreateUser").isAllowed)
    }
}

@Suite("Grants and resource breadth")
struct GrantTests {
    @Test(arguments: [
        ("*", ResourceBreadth.all), ("arn:*:*:*:*:*", .all),
        ("arn:aws:iam::1:role/*", .typeWide), ("arn:aws:secretsmanager:*:*:secret:*", .typeWide),
        ("arn:aws:ssm:eu-west-1:1:parameter/*", .typeWide), ("arn:aws:s3:::*", .typeWide), ("arn:aws:kms:*:1:key/*", .typeWide),
        ("arn:aws:iam::1:role/eb-*", .scoped), ("arn:aws:ssm:eu-west-1:1:parameter/prod/app/*", .scoped),
        ("arn:aws:s3:::bucket/*", .scoped), ("arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-AbCdEf", .scoped),
        ("not-an-arn", .scoped),
    ])
    func breadthClassification(pattern: String, breadth: ResourceBreadth) {
        #expect(ResourceBreadth.classify(pattern) == breadth)
    }

    @Test func denyWithNotResourceLeavesOnlyTheExemptResourcesGranted() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::app","arn:aws:s3:::app/*"]}]}"#)
        let grants = p.grants(action: "s3:GetObject")
        #expect(grants.count == 1)
        #expect(grants.first?.resources == ["arn:aws:s3:::app", "arn:aws:s3:::app/*"])
        #expect(grants.first?.breadth == .scoped)
        #expect(PolicyAnalysis.serviceWideWildcards(p).isEmpty)
    }

    @Test func conditionalDenyDoesNotRemoveAGrant() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},{"Effect":"Deny","Action":"iam:PassRole","Resource":"*","Condition":{"StringNotEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}"#)
        #expect(p.grants(action: "iam:PassRole").count == 1)
        let decision = p.evaluate(action: "iam:PassRole", resource: "arn:aws:iam::1:role/x")
        #expect(decision.isAllowed && decision.isConditional)
    }

    @Test func grantsCiteTheMatchingEntries() throws {
        let p = try principal(#"{"Statement":[{"Sid":"S","Effect":"Allow","Action":["ec2:Describe*","ec2:RunInstances"],"Resource":"*"},{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:ec2:*:*:instance/*"}]}"#)
        let grants = p.grants(action: "EC2:RunInstances")
        #expect(grants.map(\.matchedBy) == [["ec2:RunInstances"], ["NotAction [s3:*]"]])
        #expect(grants.map(\.statement.index) == [0, 1])
        #expect(grants[0].description.contains("Sid \"S\""))
    }
}
