import Foundation
import Testing
@testable import SigV4

@Suite("SigV4 building blocks")
struct SigV4UnitTests {
    let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     sessionToken: "SESSIONTOKENSECRET")
    let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    @Test func encodingKeepsOnlyUnreserved() {
        #expect(SigV4Encoding.encode("a b+c/d~e_f.g-h") == "a%20b%2Bc%2Fd~e_f.g-h")
        #expect(SigV4Encoding.encode("ü日😀") == "%C3%BC%E6%97%A5%F0%9F%98%80")
        #expect(SigV4Encoding.encodePath("/a b/c%d") == "/a%20b/c%25d")
        #expect(SigV4Encoding.decode("a%20b%2Fc+%zz") == "a b/c+%zz")
    }

    @Test(arguments: [
        ("/", "/"), ("", "/"), ("//", "/"), ("/a/../b", "/b"), ("/a/./b/", "/a/b/"), ("/../..", "/"),
        ("//a//b//", "/a/b/"), ("/a/b/..", "/a"), ("/.../", "/.../"),
    ])
    func normalizePath(input: String, expected: String) {
        #expect(SigV4Encoding.normalizePath(input) == expected)
    }

    @Test func s3PathIsNotNormalizedOrDoubleEncoded() {
        let s3 = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let iam = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
        #expect(s3.flavor == .s3 && iam.flavor == .standard)
        #expect(s3.canonicalPath("/a/../b%20c//d") == "/a/../b%20c//d")
        #expect(iam.canonicalPath("/a/../b%20c//d") == "/b%2520c/d")
    }

    @Test func headerValuesAreTrimmedAndFolded() {
        #expect(SigV4Signer.trimAll("  a \t  b\t") == "a b")
        #expect(SigV4Signer.trimAll("   ") == "")
        var request = SignableRequest(method: "GET", host: "Example.COM", port: 443,
                                      headers: ["X-B": " 1 ", "x-a": "z", "X-b": "2  3", "User-Agent": "ignored"])
        let headers = SigV4Signer.headersToSign(request)
        #expect(headers.map(\.name) == ["host", "x-a", "x-b"])
        #expect(headers.map(\.value) == ["example.com", "z", "1,2 3"])
        request.port = 8443
        #expect(request.hostHeaderValue == "example.com:8443")
    }

    @Test func queryIsSortedByKeyThenValue() {
        let q = SigV4Signer.canonicalQuery([("b", "2"), ("a", "z"), ("a", "y"), ("", "e"), ("A", "1"), ("a", "")])
        #expect(q == "=e&A=1&a=&a=y&a=z&b=2")
    }

    @Test func signingSetsHeadersAndReplacesOldOnes() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        var request = SignableRequest(method: "GET", host: "bucket.s3.amazonaws.com", path: "/key",
                                      headers: ["Authorization": "stale", "X-Amz-Date": "stale"], payloadSigning: .unsigned)
        signer.sign(&request, date: date)
        let first = request.headers["Authorization"]
        signer.sign(&request, date: date)  // a retry signs again without piling up headers
        #expect(request.headers.values(for: "Authorization").count == 1)
        #expect(request.headers["Authorization"] == first)
        #expect(request.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(request.headers["X-Amz-Security-Token"] == "SESSIONTOKENSECRET")
        #expect(request.headers["X-Amz-Content-SHA256"] == "UNSIGNED-PAYLOAD")
        #expect(first?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,") == true)
    }

    @Test func signingKeyIsCachedPerScope() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
        var request = SignableRequest(method: "GET", host: "iam.amazonaws.com")
        for _ in 0..<5 { signer.sign(&request, date: date) }
        #expect(signer.keyCache.count == 1)
        signer.sign(&request, date: date.addingTimeInterval(86_400))
        #expect(signer.keyCache.count == 2)
        for day in 0..<20 { signer.sign(&request, date: date.addingTimeInterval(Double(day) * 86_400)) }
        #expect(signer.keyCache.count == 8)  // bounded
    }

    @Test func credentialsNeverPrintSecrets() {
        let creds = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                   sessionToken: "TOKEN-VALUE-XYZ")
        let texts = [creds.description, creds.debugDescription, "\(creds)", String(reflecting: creds), { var s = ""; dump(creds, to: &s); return s }()]
        for text in texts {
            #expect(!text.contains("wJalr") && !text.contains("TOKEN-VALUE") && !text.contains("IOSFODNN7"), "leaked: \(text)")
        }
        #expect(creds.description == "AWSCredentials(AKIA…MPLE, session token: yes)")
        #expect(AWSCredentials.redact("short") == "****")
    }

    @Test func expiryMargin() {
        let now = Date()
        #expect(!credentials.expires(within: 300, of: now))
        let temp = AWSCredentials(accessKeyId: "A", secretAccessKey: "B", expiration: now.addingTimeInterval(200))
        #expect(temp.expires(within: 300, of: now))
        #expect(!temp.expires(within: 100, of: now))
    }

    @Test func timestampRoundTrips() {
        #expect(SigV4Timestamp(date.addingTimeInterval(0.999)).amzDate == "20150830T123600Z")
        #expect(SigV4Timestamp.parse("20150830T123600Z") == date)
        #expect(SigV4Timestamp.parse("2015-08-30") == nil)
    }

    @Test func presignClampsExpiryAndCarriesToken() throws {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let url = signer.presignedURLString(for: SignableRequest(method: "GET", host: "b.s3.amazonaws.com", path: "/k"), date: date, expires: 10_000_000)
        #expect(url.contains("X-Amz-Expires=604800&"))
        #expect(url.contains("X-Amz-Security-Token=SESSIONTOKENSECRET&X-Amz-Signature="))
        #expect(signer.presign(SignableRequest(method: "GET", host: "b.s3.amazonaws.com", path: "/k"), date: date) != nil)
    }
}
