import Foundation
import SigV4
import Testing
@testable import AWSWire

@Suite("JSON 1.1 and REST-XML protocols over loopback")
struct JSONAndRESTProtocolTests {
    @Test func jsonTargetBodyAndPagination() async throws {
        let server = try TestHTTPServer { request, index in
            let body = try? JSONValue.parse(request.body)
            let marker = body?["Marker"]?.string ?? "none"
            return index == 0
                ? .json(#"{"Keys":[{"KeyId":"k1"}],"Truncated":true,"NextMarker":"m1"}"#)
                : .json(#"{"Keys":[{"KeyId":"k2-\#(marker)"}],"Truncated":false}"#)
        }
        defer { server.shutdown() }
        var ids: [String] = []
        for try await page in makeClient(server).pages(AWSOperation(.kms, "ListKeys"), ["Limit": 10]) {
            ids += page.json?["Keys"]?.array.compactMap { $0["KeyId"]?.string } ?? []
        }
        #expect(ids == ["k1", "k2-m1"])
        let first = try #require(server.requests.first)
        #expect(first.header("X-Amz-Target") == "TrentService.ListKeys")
        #expect(first.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(first.bodyText == #"{"Limit":10}"#)
        #expect(verifySignature(first, region: "us-east-1", service: "kms"))
    }

    @Test func s3UsesPathStyleWithCustomEndpointAndSignsPayloadHash() async throws {
        let server = try TestHTTPServer { _, _ in .xml(#"<GetBucketPolicyStatusOutput><IsPublic>false</IsPublic></GetBucketPolicyStatusOutput>"#) }
        defer { server.shutdown() }
        let response = try await makeClient(server, region: "eu-central-1")
            .rest(AWSOperation(.s3, "GetBucketPolicyStatus"), RESTRequest(bucket: "my-bucket", query: [("policyStatus", "")]))
        #expect(response.result?.bool("IsPublic") == false)
        let request = try #require(server.requests.first)
        #expect(request.uri == "/my-bucket?policyStatus=")
        #expect(request.header("x-amz-content-sha256") == SigV4Signer.emptyPayloadHash)
        #expect(verifySignature(request, region: "eu-central-1", service: "s3"))
    }

    @Test func s3ControlSendsAccountIdHeader() async throws {
        let server = try TestHTTPServer { _, _ in
            .xml("<GetPublicAccessBlockOutput><PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration></GetPublicAccessBlockOutput>")
        }
        defer { server.shutdown() }
        let response = try await makeClient(server).rest(
            AWSOperation(.s3Control, "GetPublicAccessBlock"),
            RESTRequest(path: "/v20180820/configuration/publicAccessBlock", accountId: "123456789012"))
        #expect(response.result?.bool("PublicAccessBlockConfiguration", "BlockPublicAcls") == true)
        let request = try #require(server.requests.first)
        #expect(request.path == "/v20180820/configuration/publicAccessBlock")
        #expect(request.header("x-amz-account-id") == "123456789012")
        #expect(request.header("Authorization")?.contains("/us-east-1/s3/aws4_request") == true)
    }

    @Test func s3AddressingOnAWSEndpoints() throws {
        var configuration = AWSClient.Configuration(region: "eu-west-1")
        configuration.endpoints = EndpointResolver()
        let client = AWSClient(configuration: configuration, credentials: nil)
        let op = AWSOperation(.s3, "GetObject")
        let (virtual, _) = try client.restRequest(op, RESTRequest(bucket: "logs-bucket", path: "a b/ü.txt"))
        #expect(virtual.host == "logs-bucket.s3.eu-west-1.amazonaws.com")
        #expect(virtual.path == "/a%20b/%C3%BC.txt")
        let (dotted, _) = try client.restRequest(op, RESTRequest(bucket: "my.dotted.bucket", path: "k"))
        #expect(dotted.host == "s3.eu-west-1.amazonaws.com" && dotted.path == "/my.dotted.bucket/k")
        let (control, region) = try client.restRequest(AWSOperation(.s3Control, "GetPublicAccessBlock"),
                                                       RESTRequest(path: "/v20180820/configuration/publicAccessBlock", accountId: "111122223333"))
        #expect(control.host == "111122223333.s3-control.eu-west-1.amazonaws.com" && region == "eu-west-1")
        #expect(AWSClient.isVirtualHostable("abc") && !AWSClient.isVirtualHostable("ABC") && !AWSClient.isVirtualHostable("ab"))
    }

    @Test func s3PaginationUsesContinuationTokenInQuery() async throws {
        let server = try TestHTTPServer { _, index in
            index == 0
                ? .xml("<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>c/1+</NextContinuationToken><Contents><Key>a</Key></Contents></ListBucketResult>")
                : .xml("<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>b</Key></Contents></ListBucketResult>")
        }
        defer { server.shutdown() }
        var keys: [String] = []
        for try await page in makeClient(server).restPages(AWSOperation(.s3, "ListObjectsV2"), RESTRequest(bucket: "bkt", query: [("list-type", "2")])) {
            keys += page.result?.children(named: "Contents").compactMap { $0.string("Key") } ?? []
        }
        #expect(keys == ["a", "b"])
        #expect(server.requests[1].queryPairs["continuation-token"] == "c/1+")
        #expect(server.requests[1].rawQuery.contains("continuation-token=c%2F1%2B"))
        #expect(verifySignature(server.requests[1], region: "us-east-1", service: "s3"))
    }
}
