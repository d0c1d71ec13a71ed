import Foundation
import Testing
@testable import AWSWire

@Suite("Endpoints, regions and shared config files")
struct EndpointAndConfigTests {
    @Test func defaultEndpoints() throws {
        let r = EndpointResolver()
        #expect(try r.resolve(.elasticBeanstalk, region: "eu-west-1").host == "elasticbeanstalk.eu-west-1.amazonaws.com")
        let iam = try r.resolve(.iam, region: "ap-southeast-2")
        #expect(iam.host == "iam.amazonaws.com" && iam.signingRegion == "us-east-1")
        #expect(try r.resolve(.iam, region: "cn-northwest-1").signingRegion == "cn-north-1")
        #expect(try r.resolve(.sts, region: "eu-west-3").host == "sts.eu-west-3.amazonaws.com")
        #expect(try r.resolve(.cloudWatch, region: "us-west-2").host == "monitoring.us-west-2.amazonaws.com")
        #expect(try r.resolve(.elbv2, region: "cn-north-1").host == "elasticloadbalancing.cn-north-1.amazonaws.com.cn")
        #expect(try r.resolve(.s3, region: "us-east-1").host == "s3.amazonaws.com")
    }

    @Test func endpointEnvironmentPrecedence() throws {
        #expect(AWSService.elasticBeanstalk.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK")
        #expect(AWSService.s3Control.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_S3_CONTROL")
        #expect(AWSService.elbv2.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2")
        let env = ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK": "https://eb.local:8443/base/"]
        let r = EndpointResolver(environment: env)
        let eb = try r.resolve(.elasticBeanstalk, region: "eu-west-1")
        #expect(eb.scheme == "https" && eb.host == "eb.local" && eb.port == 8443 && eb.basePath == "/base" && eb.isCustom)
        let iam = try r.resolve(.iam, region: "eu-west-1")
        #expect(iam.host == "127.0.0.1" && iam.port == 5000 && iam.signingRegion == "us-east-1")
        let ignored = EndpointResolver(environment: env.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 })
        #expect(try ignored.resolve(.iam, region: "eu-west-1").isCustom == false)
        #expect(throws: AWSError.self) { try EndpointResolver(environment: ["AWS_ENDPOINT_URL": "ftp://x"]).resolve(.iam, region: "us-east-1") }
    }

    @Test func configFileServicesSectionAndProfileEndpoint() throws {
        let dir = try TempDirectory()
        let config = try dir.write("config", """
            # comment
            [profile dev]
            region = eu-north-1
            endpoint_url = http://127.0.0.1:9000
            services = local
            [services local]
            elastic_beanstalk =
              endpoint_url = http://127.0.0.1:9100
            s3 =
              endpoint_url = http://127.0.0.1:9200
            """)
        let settings = try AWSSettings(profile: "dev", environment: ["AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
        #expect(settings.region == "eu-north-1")
        let r = EndpointResolver(settings: settings)
        #expect(try r.resolve(.elasticBeanstalk, region: "eu-north-1").port == 9100)
        #expect(try r.resolve(.s3, region: "eu-north-1").port == 9200)
        #expect(try r.resolve(.iam, region: "eu-north-1").port == 9000)
        let withEnv = EndpointResolver(environment: ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9300"], profile: settings.profile, files: settings.files)
        #expect(try withEnv.resolve(.s3, region: "eu-north-1").port == 9300)
    }

    @Test func regionAndProfilePrecedence() throws {
        let dir = try TempDirectory()
        let config = try dir.write("config", "[default]\nregion = us-west-1\n[profile p]\nregion = eu-west-2\n")
        let base = ["AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        #expect(try AWSSettings(environment: base).region == "us-west-1")
        #expect(try AWSSettings(environment: base.merging(["AWS_PROFILE": "p"]) { $1 }).region == "eu-west-2")
        #expect(try AWSSettings(environment: base.merging(["AWS_PROFILE": "p", "AWS_DEFAULT_REGION": "ca-central-1"]) { $1 }).region == "ca-central-1")
        #expect(try AWSSettings(environment: base.merging(["AWS_DEFAULT_REGION": "ca-central-1", "AWS_REGION": "sa-east-1"]) { $1 }).region == "sa-east-1")
        #expect(try AWSSettings(region: "af-south-1", environment: base.merging(["AWS_REGION": "sa-east-1"]) { $1 }).region == "af-south-1")
        #expect(throws: AWSError.configuration("profile 'missing' not found in the shared config or credentials file")) {
            try AWSSettings(profile: "missing", environment: base)
        }
    }

    @Test func iniParsing() {
        let sections = SharedConfigFile.parse("""
            [a]
            key = value with = sign
            ; comment
            empty =
            nested =
              x = 1
              y = 2
            after = 3
            [ b ]
            k=v
            """)
        #expect(sections.map(\.0) == ["a", "b"])
        #expect(sections[0].1["key"] == "value with = sign")
        #expect(sections[0].1.nested["nested"] == ["x": "1", "y": "2"])
        #expect(sections[0].1["after"] == "3")
        #expect(sections[0].1["empty"] == nil)
        #expect(sections[1].1["k"] == "v")
    }

    @Test func xmlAndJSONHelpers() throws {
        let xml = try AWSXMLNode.parse(Array("""
            <R xmlns="urn:x"><A><member><N>1</N></member><member><N>2</N></member></A><B>  spaced  </B><C>true</C><D><![CDATA[<raw>]]></D></R>
            """.utf8))
        #expect(xml.list("A").compactMap { $0.int("N") } == [1, 2])
        #expect(xml.string("B") == "  spaced  ")
        #expect(xml.bool("C") == true)
        #expect(xml.string("D") == "<raw>")
        #expect(xml.jsonValue["A"]?[1]?["N"]?.string == "2")
        #expect(throws: AWSXMLNode.XMLParseError.self) { try AWSXMLNode.parse(Array("<a><b></a>".utf8)) }
        let json = try JSONValue.parse(Array(#"{"a":{"b":[1,2.5,true,null,"s"]}}"#.utf8))
        #expect(json.value(at: "a", "b")?[0]?.int == 1)
        #expect(json["a"]?["b"]?[1]?.number == 2.5)
        #expect(json["a"]?["b"]?[2]?.bool == true)
        #expect(json["a"]?["b"]?[3]?.isNull == true)
        #expect(String(decoding: JSONValue.object(["z": 1, "a": [true]]).encoded(), as: UTF8.self) == #"{"a":[true],"z":1}"#)
    }

    @Test func queryFlattening() {
        let pairs = QuerySerializer.pairs(action: "X", version: "1", parameters: ["L": [], "M": ["a", ["K": 1.5]], "Z": nil], ec2: false)
        #expect(pairs.map { "\($0.0)=\($0.1)" } == ["Action=X", "Version=1", "L=", "M.member.1=a", "M.member.2.K=1.5"])
        let ec2 = QuerySerializer.pairs(action: "X", version: "1", parameters: ["L": [], "M": ["a"]], ec2: true)
        #expect(ec2.map { "\($0.0)=\($0.1)" } == ["Action=X", "Version=1", "M.1=a"])
    }

    @Test func catalogMatchesBotocore() {
        #expect(AWSService.all.count == 15)
        #expect(AWSService.elasticBeanstalk.apiVersion == "2010-12-01")
        #expect(AWSService.cloudTrail.targetPrefix == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101")
        #expect(AWSService.s3Control.signingName == "s3")
        #expect(AWSPaginator.forOperation(AWSOperation(.ec2, "DescribeSecurityGroups"))?.outputToken == "nextToken")
        #expect(AWSPaginator.forOperation(AWSOperation(.iam, "ListRoles"))?.moreResults == "IsTruncated")
        #expect(AWSPaginator.forOperation(AWSOperation(.elasticBeanstalk, "UpdateEnvironment")) == nil)
    }
}
