import AWSWire
import Collect
import Foundation
import Inventory
import SigV4
import Testing
@testable import LiveCollect

/// Wire answers → AWS CLI-shaped trees → the export importer's mappers.
@Suite struct ResponseTreeTests {
    func response(_ service: AWSService, _ name: String, xml: String) throws -> AWSResponse {
        let bytes = Array(xml.utf8)
        return AWSResponse(operation: AWSOperation(service, name), status: 200, headers: HTTPHeaderList(), body: bytes, xml: try AWSXMLNode.parse(bytes), json: nil)
    }

    func assemble(_ kind: LiveResponseKind, _ response: AWSResponse) -> Inventory {
        var assembler = LiveAssembler(source: InventorySource(kind: "live"))
        assembler.add(kind, ResponseTree.object(response), api: response.operation.description)
        return assembler.finish()
    }

    @Test func ec2SecurityGroupsUseBotocoreNames() throws {
        let xml = """
        <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><securityGroupInfo>
        <item><groupId>sg-1</groupId><groupName>web</groupName><vpcId>vpc-1</vpcId>
        <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/>
        <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges><prefixListIds/></item>
        <item><ipProtocol>tcp</ipProtocol><fromPort>80</fromPort><toPort>80</toPort><groups><item><groupId>sg-lb</groupId></item></groups><ipRanges/></item></ipPermissions>
        <ipPermissionsEgress/><tagSet><item><key>Name</key><value>web</value></item></tagSet></item></securityGroupInfo></DescribeSecurityGroupsResponse>
        """
        let inventory = assemble(.securityGroups, try response(.ec2, "DescribeSecurityGroups", xml: xml))
        let group = try #require(inventory.securityGroups["sg-1"])
        #expect(group.vpcId == "vpc-1" && group.tags == ["Name": "web"])
        #expect(group.ingress.map(\.peerDescription) == ["0.0.0.0/0", "::/0", "sg-lb"])
        #expect(group.ingress.first?.covers(port: 22) == true)
        #expect(group.egress.isEmpty)
        #expect(group.origin?.api == "ec2:DescribeSecurityGroups")
    }

    @Test func ec2InstancesAndLaunchTemplates() throws {
        let instances = """
        <DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId><instanceState><name>running</name></instanceState>
        <ipAddress>3.3.3.3</ipAddress><groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet>
        <metadataOptions><httpTokens>optional</httpTokens></metadataOptions><iamInstanceProfile><arn>arn:aws:iam::1:instance-profile/p</arn></iamInstanceProfile>
        </item></instancesSet></item></reservationSet></DescribeInstancesResponse>
        """
        let instance = try #require(assemble(.instances, try response(.ec2, "DescribeInstances", xml: instances)).instances["i-1"])
        #expect(instance.state == "running" && instance.publicIpAddress == "3.3.3.3")
        #expect(instance.securityGroupIds == ["sg-1"])
        #expect(instance.metadataOptions?.enforcesIMDSv2 == false)
        #expect(instance.iamInstanceProfileArn == "arn:aws:iam::1:instance-profile/p")

        let versions = """
        <DescribeLaunchTemplateVersionsResponse><launchTemplateVersionSet><item><launchTemplateId>lt-1</launchTemplateId><versionNumber>2</versionNumber>
        <defaultVersion>true</defaultVersion><launchTemplateData><metadataOptions><httpTokens>required</httpTokens></metadataOptions>
        <securityGroupIdSet><item>sg-1</item></securityGroupIdSet><networkInterfaceSet><item><associatePublicIpAddress>false</associatePublicIpAddress>
        <groupSet><groupId>sg-2</groupId></groupSet></item></networkInterfaceSet>
        <blockDeviceMappingSet><item><deviceName>/dev/xvda</deviceName><ebs><encrypted>true</encrypted><kmsKeyId>k-1</kmsKeyId></ebs></item></blockDeviceMappingSet>
        </launchTemplateData></item></launchTemplateVersionSet></DescribeLaunchTemplateVersionsResponse>
        """
        let template = try #require(assemble(.launchTemplateVersions, try response(.ec2, "DescribeLaunchTemplateVersions", xml: versions)).launchTemplates["lt-1"])
        #expect(template.version == 2 && template.metadataOptions?.httpTokens == "required")
        #expect(template.securityGroupIds == ["sg-1", "sg-2"])
        #expect(template.associatePublicIpAddress == false)
        #expect(template.blockDevices == [BlockDevice(deviceName: "/dev/xvda", encrypted: true, kmsKeyId: "k-1")])
    }

    @Test func rdsNamedListMembersBecomeLists() throws {
        let xml = """
        <DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>db1</DBInstanceIdentifier>
        <Engine>mysql</Engine><PubliclyAccessible>true</PubliclyAccessible><StorageEncrypted>false</StorageEncrypted>
        <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-db</VpcSecurityGroupId></VpcSecurityGroupMembership></VpcSecurityGroups>
        <DBParameterGroups><DBParameterGroup><DBParameterGroupName>pg</DBParameterGroupName></DBParameterGroup></DBParameterGroups>
        <TagList><Tag><Key>elasticbeanstalk:environment-name</Key><Value>web</Value></Tag></TagList></DBInstance></DBInstances>
        </DescribeDBInstancesResult></DescribeDBInstancesResponse>
        """
        let database = try #require(assemble(.databases, try response(.rds, "DescribeDBInstances", xml: xml)).databases["db1"])
        #expect(database.publiclyAccessible == true && database.storageEncrypted == false)
        #expect(database.securityGroupIds == ["sg-db"] && database.parameterGroupNames == ["pg"])
        #expect(database.tags["elasticbeanstalk:environment-name"] == "web")
    }

    @Test func queryMembersAndSecretsAreRedacted() throws {
        let xml = """
        <DescribeConfigurationSettingsResponse><DescribeConfigurationSettingsResult><ConfigurationSettings><member>
        <EnvironmentName>web</EnvironmentName><ApplicationName>app</ApplicationName><OptionSettings>
        <member><Namespace>aws:elasticbeanstalk:application:environment</Namespace><OptionName>AWS_ACCESS_KEY_ID</OptionName><Value>AKIAQ3ZJ7VXN4KDL2M8R</Value></member>
        <member><Namespace>aws:autoscaling:launchconfiguration</Namespace><OptionName>DisableIMDSv1</OptionName><Value>true</Value></member>
        </OptionSettings></member></ConfigurationSettings></DescribeConfigurationSettingsResult></DescribeConfigurationSettingsResponse>
        """
        let inventory = assemble(.configurationSettings, try response(.elasticBeanstalk, "DescribeConfigurationSettings", xml: xml))
        let settings = try #require(inventory.environments.first { $0.name == "web" }?.optionSettings)
        #expect(settings.value("aws:autoscaling:launchconfiguration", "DisableIMDSv1") == "true")
        let key = try #require(settings.winner("aws:elasticbeanstalk:application:environment", "AWS_ACCESS_KEY_ID"))
        #expect(key.secret?.isAWSCredential == true)
        #expect(key.value != "AKIAQ3ZJ7VXN4KDL2M8R")
    }

    @Test func s3EncryptionAndAbsentConfiguration() throws {
        let xml = "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>k-1</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"
        let encrypted = assemble(.bucketEncryption(bucket: "b"), try response(.s3, "GetBucketEncryption", xml: xml))
        #expect(encrypted.buckets["b"]?.encryption == BucketEncryption(algorithm: "aws:kms", kmsKeyId: "k-1"))
        let none = assemble(.bucketEncryption(bucket: "b"), try response(.s3, "GetBucketEncryption", xml: "<ServerSideEncryptionConfiguration/>"))
        #expect(none.buckets["b"]?.encryption == BucketEncryption(algorithm: nil), "no configuration means none configured, not unknown")
        let block = assemble(.bucketPublicAccessBlock(bucket: "b"), try response(.s3, "GetPublicAccessBlock", xml: String(decoding: PublicAccessBlockXML.none, as: UTF8.self)))
        #expect(block.buckets["b"]?.publicAccessBlock?.disabledSettings.count == 4)
    }

    @Test func jsonAnswersKeepTheirShape() throws {
        let body = Array(#"{"trailList":[{"Name":"t","IsMultiRegionTrail":true,"LogFileValidationEnabled":false,"HomeRegion":"us-east-1"}]}"#.utf8)
        let answer = AWSResponse(operation: AWSOperation(.cloudTrail, "DescribeTrails"), status: 200, headers: HTTPHeaderList(), body: body, xml: nil, json: try JSONValue.parse(body))
        let trail = try #require(assemble(.trails, answer).trails?.first)
        #expect(trail.isMultiRegion == true && trail.logFileValidation == false && trail.homeRegion == "us-east-1")
    }

    @Test func gapsNameFactOperationAndResource() {
        let operation = AWSOperation(.kms, "GetKeyRotationStatus")
        let denied = Fetcher.gap(AWSError.accessDenied(operation: operation, code: "AccessDeniedException", message: nil), fact: .kmsKeyRotation,
                                 operation: operation, resource: "k-1", region: "eu-west-1")
        #expect(denied.reason == .accessDenied && denied.resource == "k-1")
        #expect(denied.summary.hasPrefix("kms:GetKeyRotationStatus denied (k-1)"))
        let throttled = Fetcher.gap(AWSError.throttled(operation: operation, code: "ThrottlingException", attempts: 5), fact: .kmsKeyRotation,
                                    operation: operation, resource: nil, region: nil)
        #expect(throttled.reason == .throttled && throttled.summary.contains("throttled"))
        let other = Fetcher.gap(AWSError.service(operation: operation, code: "InternalFailure", message: nil, status: 500), fact: .kmsKeyRotation,
                                operation: operation, resource: nil, region: nil)
        #expect(other.reason == .error)
    }
}
