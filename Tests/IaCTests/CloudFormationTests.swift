import Foundation
import Testing
import Inventory
@testable import IaC

@Suite struct CloudFormationTests {
    let inventory = Fixtures.scan("cloudformation/insecure.yaml")
    var file: String { Fixtures.path("cloudformation/insecure.yaml") }

    @Test func mapsEnvironmentWithResolvedNames() throws {
        #expect(inventory.source.kind == "iac")
        #expect(inventory.inputProblems.isEmpty, "\(inventory.inputProblems)")
        let environment = try #require(inventory.environment("shop-prod"))
        #expect(environment.applicationName == "shop")
        #expect(environment.solutionStackName?.contains("Python") == true)
        let settings = try #require(environment.optionSettings)
        let profile = try #require(settings.winner("aws:autoscaling:launchconfiguration", "IamInstanceProfile"))
        #expect(profile.value == "shop-ec2-profile")
        #expect(profile.layer == .direct)
        #expect(profile.origin?.file == file)
        #expect(profile.origin?.line == 102)
        #expect(settings.value("aws:autoscaling:launchconfiguration", "SecurityGroups") == Fixtures.local("cloudformation/insecure.yaml", "WebSecurityGroup"))
        #expect(settings.value("aws:autoscaling:launchconfiguration", "InstanceType") == "t3.large")
        #expect(settings.value("aws:ec2:vpc", "AssociatePublicIpAddress") == "true")
        #expect(settings.value("aws:autoscaling:launchconfiguration", "EC2KeyName") == "shop-admin")
    }

    @Test func unresolvableValuesAreNeverValues() throws {
        let settings = try #require(inventory.environment("shop-prod")?.optionSettings)
        let vpc = try #require(settings.winner("aws:ec2:vpc", "VPCId"))
        #expect(vpc.unresolved)
        #expect(vpc.value == nil)
        let noEcho = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "DB_MASTER_PASSWORD"))
        #expect(noEcho.unresolved)
        #expect(noEcho.secret == nil)
    }

    @Test func secretsAreRedactedAndLocated() throws {
        let settings = try #require(inventory.environment("shop-prod")?.optionSettings)
        let password = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "DB_PASSWORD"))
        #expect(password.secret != nil)
        #expect(password.value != "Sup3rS3cretPassw0rd!")
        #expect(password.value?.contains("****") == true)
        let token = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "API_TOKEN"))
        #expect(token.secret == nil, "dynamic references are the right way to pass secrets")
        let artifact = try #require(inventory.artifacts?.first { $0.path == file })
        #expect(artifact.kind == .cloudFormation)
        #expect(artifact.secrets.contains { $0.hit.key == "DB_PASSWORD" && $0.origin.line == 120 })
        #expect(!artifact.secrets.contains { $0.hit.key == "MasterUserPassword" }, "Ref to a NoEcho parameter is not a secret")
        let encoded = String(decoding: try JSONEncoder().encode(inventory), as: UTF8.self)
        #expect(!encoded.contains("Sup3rS3cretPassw0rd"))
    }

    @Test func mapsIAM() throws {
        let iam = try #require(inventory.iam)
        let profile = try #require(iam.instanceProfiles["shop-ec2-profile"])
        #expect(profile.roleNames == ["shop-ec2-role"])
        let role = try #require(iam.roles["shop-ec2-role"])
        #expect(role.attachedPolicyArns == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(role.trustPolicy?.contains("ec2.amazonaws.com") == true)
        let inline = try #require(role.inlinePolicies?.first)
        #expect(inline.name == "everything-s3")
        #expect(inline.document?.contains("\"s3:*\"") == true)
    }

    @Test func mapsNetworkAndData() throws {
        let web = try #require(inventory.securityGroups[Fixtures.local("cloudformation/insecure.yaml", "WebSecurityGroup")])
        #expect(web.name == "shop-web-sg")
        #expect(web.ingress.contains { $0.isOpenToWorld && $0.covers(port: 22) })
        #expect(web.egress.first?.isAllTraffic == true, "CloudFormation keeps the default egress rule")
        #expect(web.vpcId == nil, "a parameter without default is not a value")
        let database = try #require(inventory.databases["shop-db"])
        #expect(database.publiclyAccessible == true)
        #expect(database.storageEncrypted == false)
        #expect(database.securityGroupIds == [Fixtures.local("cloudformation/insecure.yaml", "DBSecurityGroup")])
        let bucket = try #require(inventory.buckets["shop-prod-assets"])
        #expect(bucket.publicAccessBlock?.blocksAll == false)
        #expect(inventory.trails?.first?.isMultiRegion == false)
        #expect(inventory.kmsKeys[Fixtures.local("cloudformation/insecure.yaml", "Key")]?.rotationEnabled == false)
    }

    @Test func configurationTemplateIsTheSavedConfigurationLayer() throws {
        let scanned = Fixtures.scan("cloudformation/secure-with-template.yaml")
        #expect(scanned.inputProblems.isEmpty, "\(scanned.inputProblems)")
        let environment = try #require(scanned.environment("Env"))
        #expect(environment.templateName == Fixtures.local("cloudformation/secure-with-template.yaml", "Config"))
        let settings = try #require(environment.optionSettings)
        let imds = try #require(settings.winner("aws:autoscaling:launchconfiguration", "DisableIMDSv1"))
        #expect(imds.layer == .savedConfiguration)
        #expect(imds.value == "true")
        let type = try #require(settings.winner("aws:autoscaling:launchconfiguration", "InstanceType"))
        #expect(type.layer == .direct, "direct settings win over the template")
        #expect(type.value == "t3.medium")
        #expect(settings.value("aws:autoscaling:launchconfiguration", "IamInstanceProfile") == Fixtures.local("cloudformation/secure-with-template.yaml", "Profile"))
        #expect(environment.solutionStackName?.contains("Node.js") == true)
        #expect(scanned.configurationTemplates[Fixtures.local("cloudformation/secure-with-template.yaml", "Config")] != nil)
        let role = try #require(scanned.iam?.roles[Fixtures.local("cloudformation/secure-with-template.yaml", "AppRole")])
        #expect(role.attachedPolicyArns == ["arn:aws:iam:::policy/" + Fixtures.local("cloudformation/secure-with-template.yaml", "ReadPolicy")])
        #expect(role.inlinePolicies?.map(\.name) == ["health"])
        #expect(scanned.iam?.managedPolicies["arn:aws:iam:::policy/" + Fixtures.local("cloudformation/secure-with-template.yaml", "ReadPolicy")]?.document?.contains("#Assets/*") == true)
        #expect(scanned.securityGroups[Fixtures.local("cloudformation/secure-with-template.yaml", "AppSG")]?.ingress.first?.sourceSecurityGroupId == Fixtures.local("cloudformation/secure-with-template.yaml", "LbSG"))
        #expect(scanned.securityGroups[Fixtures.local("cloudformation/secure-with-template.yaml", "LbSG")]?.egress.first?.cidr == "10.0.0.0/8")
        #expect(scanned.buckets[Fixtures.local("cloudformation/secure-with-template.yaml", "Assets")]?.encryption?.algorithm == "aws:kms")
        #expect(scanned.logGroups?.first?.kmsKeyId == Fixtures.local("cloudformation/secure-with-template.yaml", "Key"))
        let listener = try #require(scanned.loadBalancers[Fixtures.local("cloudformation/secure-with-template.yaml", "Lb")]?.listeners?.first)
        #expect(listener.isEncrypted)
        #expect(listener.sslPolicy == "ELBSecurityPolicy-TLS13-1-2-2021-06")
        #expect(scanned.loadBalancers[Fixtures.local("cloudformation/secure-with-template.yaml", "Lb")]?.isInternetFacing == true)
    }

    @Test func suppressionAboveAResourceCoversIt() throws {
        let suppression = try #require(inventory.inlineSuppressions.first)
        #expect(suppression.controlId == "EB-NET-010")
        #expect(suppression.reason == "bastion-only access")
        #expect(suppression.resource == Fixtures.local("cloudformation/insecure.yaml", "Trail"))
        #expect(suppression.line == nil)
        #expect(suppression.origin.line == 133)
    }
}
