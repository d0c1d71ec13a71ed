import Foundation
import Testing
@testable import SigV4

/// One vector of `scripts/sigv4/fixtures/known-answers.json`.
struct KnownAnswer: Decodable, CustomTestStringConvertible {
    let name: String
    let service: String
    let region: String
    let amzDate: String
    let accessKeyId: String
    let secretAccessKey: String
    let sessionToken: String?
    let method: String
    let host: String
    let path: String
    let query: [[String]]
    let headers: [[String]]
    let body: String
    let expires: Int?
    let canonicalRequest: String
    let stringToSign: String
    let authorization: String?
    let presignedURL: String?

    var testDescription: String { name }

    var request: SignableRequest {
        SignableRequest(
            method: method, host: host, path: path,
            query: query.map { (name: $0[0], value: $0[1]) },
            headers: HTTPHeaderList(headers.map { (name: $0[0], value: $0[1]) }),
            body: Array(body.utf8))
    }

    var signer: SigV4Signer {
        SigV4Signer(credentials: AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken),
                    region: region, service: service)
    }

    var date: Date { SigV4Timestamp.parse(amzDate)! }

    static let all: [KnownAnswer] = {
        let url = TestSupport.scriptsDirectory.appendingPathComponent("fixtures/known-answers.json")
        struct File: Decodable { let vectors: [KnownAnswer] }
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).vectors
        } catch {
            return []
        }
    }()
}

@Suite("Known-answer vectors (AWS SigV4 test-suite style)")
struct KnownAnswerTests {
    @Test func fixturesLoad() {
        #expect(KnownAnswer.all.count >= 30, "scripts/sigv4/fixtures/known-answers.json is missing or unreadable")
    }

    @Test(arguments: KnownAnswer.all)
    func vector(_ v: KnownAnswer) {
        let timestamp = SigV4Timestamp(v.date)
        #expect(timestamp.amzDate == v.amzDate)
        if let presigned = v.presignedURL {
            #expect(v.signer.presignedURLString(for: v.request, date: v.date, expires: v.expires ?? 3600) == presigned)
            return
        }
        var request = v.request
        v.signer.sign(&request, date: v.date)
        // Rebuild the stages the way `sign` does, so a mismatch names the stage.
        var unsigned = v.request
        unsigned.headers.replace("X-Amz-Date", v.amzDate)
        if let token = v.sessionToken { unsigned.headers.replace("X-Amz-Security-Token", token) }
        if v.signer.flavor == .s3 { unsigned.headers.replace("X-Amz-Content-SHA256", SigV4Signer.payloadHash(of: unsigned)) }
        let headers = SigV4Signer.headersToSign(unsigned)
        let canonical = v.signer.canonicalRequest(
            unsigned, headers: headers, canonicalQuery: SigV4Signer.canonicalQuery(unsigned.query),
            payloadHash: unsigned.headers["X-Amz-Content-SHA256"] ?? SigV4Signer.payloadHash(of: unsigned))
        #expect(canonical == v.canonicalRequest)
        #expect(v.signer.stringToSign(canonicalRequest: canonical, timestamp: timestamp) == v.stringToSign)
        #expect(request.headers["Authorization"] == v.authorization)
    }

    /// Signatures published by AWS, written out literally so the fixture generator is checked too.
    @Test func publishedSignatures() {
        let signatures = Dictionary(uniqueKeysWithValues: KnownAnswer.all.map { v -> (String, String) in
            if let url = v.presignedURL { return (v.name, String(url.split(separator: "=").last!)) }
            return (v.name, String(v.authorization!.split(separator: "=").last!))
        })
        #expect(signatures["get-vanilla"] == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signatures["get-vanilla-query-order-key-case"] == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
        #expect(signatures["post-x-www-form-urlencoded"] == "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
        #expect(signatures["post-sts-header-before"] == "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
        #expect(signatures["s3-get-object"] == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signatures["s3-presigned-get-object"] == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    /// The signing key example from the SigV4 documentation (20120215, us-east-1, iam).
    @Test func documentedSigningKey() {
        let key = SigningKeyCache.derive(secret: Array("AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".utf8),
                                         dateStamp: "20120215", region: "us-east-1", service: "iam")
        let hex = key.withUnsafeBytes { SigV4Signer.hex(Array($0)) }
        #expect(hex == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }
}
