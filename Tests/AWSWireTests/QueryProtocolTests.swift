import Foundation
import SigV4
import Testing
@testable import AWSWire

@Suite("Query and EC2 protocols over loopback")
struct QueryProtocolTests {
    @Test func describeEnvironmentsRequestShapeAndSignature() async throws {
        let server = try TestHTTPServer { _, _ in
            .xml("""
                <DescribeEnvironmentsResponse xmlns="http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/">
                  <DescribeEnvironmentsResult><Environments>
                    <member><EnvironmentName>prod</EnvironmentName><Health>Green</Health><Tier><Name>WebServer</Name></Tier></member>
                    <member><EnvironmentName>stage &amp; test</EnvironmentName><Health>Red</Health></member>
                  </Environments></DescribeEnvironmentsResult>
                  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
                </DescribeEnvironmentsResponse>
                """)
        }
        defer { server.shutdown() }
        let client = makeClient(server, region: "eu-west-1")
        let response = try await client.call(AWSOperation(.elasticBeanstalk, "DescribeEnvironments"),
                                             ["EnvironmentNames": ["prod", "stage & test"], "IncludeDeleted": false, "MaxRecords": 100])
        let envs = response.result?.list("Environments") ?? []
        #expect(envs.map { $0.string("EnvironmentName") } == ["prod", "stage & test"])
        #expect(envs.first?.string("Tier", "Name") == "WebServer")
        #expect(response.requestId == "req-1")

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(request.formPairs == [
            "Action": "DescribeEnvironments", "Version": "2010-12-01", "EnvironmentNames.member.1": "prod",
            "EnvironmentNames.member.2": "stage & test", "IncludeDeleted": "false", "MaxRecords": "100",
        ])
        #expect(request.bodyText.contains("stage%20%26%20test"))
        #expect(request.header("Authorization")?.contains("/eu-west-1/elasticbeanstalk/aws4_request") == true)
        #expect(verifySignature(request, region: "eu-west-1", service: "elasticbeanstalk"))
        #expect(!verifySignature(request, region: "eu-west-2", service: "elasticbeanstalk"))
    }

    @Test func iamIsSignedForUsEast1FromAnyRegion() async throws {
        let server = try TestHTTPServer { _, _ in .xml("<ListRolesResponse><ListRolesResult><IsTruncated>false</IsTruncated><Roles/></ListRolesResult></ListRolesResponse>") }
        defer { server.shutdown() }
        _ = try await makeClient(server, region: "ap-southeast-2").call(AWSOperation(.iam, "ListRoles"))
        let request = try #require(server.requests.first)
        #expect(request.header("Authorization")?.contains("/us-east-1/iam/aws4_request") == true)
        #expect(verifySignature(request, region: "us-east-1", service: "iam"))
    }

    @Test func ec2ListsAndItems() async throws {
        let server = try TestHTTPServer { _, _ in
            .xml("""
                <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
                <securityGroupInfo><item><groupId>sg-1</groupId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort>
                <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions></item>
                <item><groupId>sg-2</groupId><ipPermissions/></item></securityGroupInfo></DescribeSecurityGroupsResponse>
                """)
        }
        defer { server.shutdown() }
        let response = try await makeClient(server).call(AWSOperation(.ec2, "DescribeSecurityGroups"),
                                                         ["GroupId": ["sg-1", "sg-2"], "Filter": [["Name": "vpc-id", "Value": ["vpc-9"]]]])
        let groups = response.result?.list("securityGroupInfo") ?? []
        #expect(groups.map { $0.string("groupId") } == ["sg-1", "sg-2"])
        #expect(groups[0].list("ipPermissions")[0].int("fromPort") == 22)
        #expect(groups[0].list("ipPermissions")[0].list("ipRanges")[0].string("cidrIp") == "0.0.0.0/0")
        #expect(groups[1].list("ipPermissions").isEmpty)
        let form = try #require(server.requests.first).formPairs
        #expect(form["GroupId.1"] == "sg-1" && form["GroupId.2"] == "sg-2")
        #expect(form["Filter.1.Name"] == "vpc-id" && form["Filter.1.Value.1"] == "vpc-9")
        #expect(form["Version"] == "2016-11-15")
    }

    @Test func paginationFollowsNextTokenAndStops() async throws {
        let server = try TestHTTPServer { request, index in
            let token = request.formPairs["NextToken"]
            let next = index < 2 ? "<NextToken>t\(index + 1)</NextToken>" : ""
            return .xml("""
                <DescribeEnvironmentsResponse><DescribeEnvironmentsResult><Environments><member><EnvironmentName>e\(index)-\(token ?? "none")</EnvironmentName></member></Environments>\(next)</DescribeEnvironmentsResult></DescribeEnvironmentsResponse>
                """)
        }
        defer { server.shutdown() }
        var names: [String] = []
        for try await page in makeClient(server).pages(AWSOperation(.elasticBeanstalk, "DescribeEnvironments")) {
            names += page.result?.list("Environments").compactMap { $0.string("EnvironmentName") } ?? []
        }
        #expect(names == ["e0-none", "e1-t1", "e2-t2"])
        #expect(server.requests.count == 3)
    }

    @Test func iamPaginationNeedsIsTruncated() async throws {
        let server = try TestHTTPServer { _, index in
            // The second page carries a Marker but IsTruncated=false: iteration must stop.
            .xml("<ListRolesResponse><ListRolesResult><Roles><member><RoleName>r\(index)</RoleName></member></Roles><IsTruncated>\(index == 0)</IsTruncated><Marker>m\(index)</Marker></ListRolesResult></ListRolesResponse>")
        }
        defer { server.shutdown() }
        var pages = 0
        for try await _ in makeClient(server).pages(AWSOperation(.iam, "ListRoles")) { pages += 1 }
        #expect(pages == 2)
        #expect(server.requests[1].formPairs["Marker"] == "m0")
    }

    @Test func repeatedTokenStopsPagination() async throws {
        let server = try TestHTTPServer { _, _ in
            .xml("<DescribeEventsResponse><DescribeEventsResult><Events/><NextToken>same</NextToken></DescribeEventsResult></DescribeEventsResponse>")
        }
        defer { server.shutdown() }
        var pages = 0
        for try await _ in makeClient(server).pages(AWSOperation(.elasticBeanstalk, "DescribeEvents")) { pages += 1 }
        #expect(pages == 2)  // first page, then the page that returned the same token again
    }
}
