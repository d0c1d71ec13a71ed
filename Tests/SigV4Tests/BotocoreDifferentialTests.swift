import Foundation
import Testing
@testable import SigV4

/// One request signed by botocore (see `scripts/sigv4/botocore-reference.py`).
struct BotocoreCase: Decodable {
    let name: String
    let kind: String
    let service: String
    let region: String
    let timestamp: Int
    let accessKeyId: String
    let secretAccessKey: String
    let sessionToken: String?
    let method: String
    let scheme: String
    let host: String
    let port: Int?
    let rawPath: String
    let path: String
    let query: [[String]]
    let headers: [[String]]
    let bodyBase64: String
    let unsignedPayload: Bool
    let expires: Int?
    let expectedURL: String?
    let expectedHeaders: [String: String?]?
}

@Suite("Differential test against botocore")
struct BotocoreDifferentialTests {
    static let seed = 20250830
    static let count = 1200

    /// Runs the reference script; a missing python3 or botocore fails the test (never skips).
    static func loadCases() async throws -> (version: String, cases: [BotocoreCase]) {
        guard let python = TestSupport.findPython() else {
            Issue.record("python3 is not on PATH: the SigV4 differential test needs python3 with botocore==1.43.11")
            return ("", [])
        }
        let script = TestSupport.scriptsDirectory.appendingPathComponent("botocore-reference.py").path
        let result = try await TestSupport.runInBackground(python, [script, "--seed", String(seed), "--count", String(count)])
        guard result.status == 0 else {
            Issue.record("botocore-reference.py failed (exit \(result.status)): \(String(decoding: result.stderr, as: UTF8.self))")
            return ("", [])
        }
        struct Output: Decodable { let botocore: String; let cases: [BotocoreCase] }
        let output = try JSONDecoder().decode(Output.self, from: result.stdout)
        return (output.botocore, output.cases)
    }

    static func sign(_ c: BotocoreCase) -> String {
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken),
            region: c.region, service: c.service)
        var request = SignableRequest(
            method: c.method, scheme: c.scheme, host: c.host, port: c.port,
            path: SigV4Encoding.encodePath(c.rawPath),
            query: c.query.map { (name: $0[0], value: $0[1]) },
            headers: HTTPHeaderList(c.headers.map { (name: $0[0], value: $0[1]) }),
            body: Array(Data(base64Encoded: c.bodyBase64) ?? Data()),
            payloadSigning: c.unsignedPayload ? .unsigned : .signed)
        let date = Date(timeIntervalSince1970: TimeInterval(c.timestamp))
        if c.kind == "presign" {
            return signer.presignedURLString(for: request, date: date, expires: c.expires ?? 3600)
        }
        signer.sign(&request, date: date)
        return ["Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256"]
            .map { "\($0): \(request.headers.values(for: $0).last ?? "nil")" }.joined(separator: "\n")
    }

    static func expected(_ c: BotocoreCase) -> String {
        if let url = c.expectedURL { return url }
        return ["Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256"]
            .map { name in "\(name): \((c.expectedHeaders?[name] ?? nil) ?? "nil")" }.joined(separator: "\n")
    }

    @Test func signaturesMatchBotocoreByteForByte() async throws {
        let (version, cases) = try await Self.loadCases()
        guard !cases.isEmpty else { return }
        #expect(cases.count >= 1000)
        #expect(cases.contains { $0.kind == "presign" && $0.service == "s3" })
        #expect(cases.contains { $0.kind == "header" && $0.service == "s3" && $0.unsignedPayload })
        var mismatches: [String] = []
        for c in cases {
            #expect(SigV4Encoding.encodePath(c.rawPath) == c.path, "path encoding differs for \(c.name)")
            let ours = Self.sign(c)
            let theirs = Self.expected(c)
            if ours != theirs { mismatches.append(c.name) }
            if ours != theirs && mismatches.count == 1 {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Issue.record("""
                    first case differing from botocore \(version): \(c.name)
                    input: method=\(c.method) scheme=\(c.scheme) host=\(c.host) port=\(c.port.map(String.init) ?? "nil") service=\(c.service) region=\(c.region) timestamp=\(c.timestamp)
                      rawPath=\(c.rawPath.debugDescription) path=\(c.path)
                      query=\(c.query) headers=\(c.headers.map { $0.map(\.debugDescription) })
                      body(base64)=\(c.bodyBase64) unsigned=\(c.unsignedPayload) expires=\(c.expires.map(String.init) ?? "nil") token=\(c.sessionToken != nil)
                    expected:
                    \(theirs)
                    actual:
                    \(ours)
                    """)
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.count) of \(cases.count) cases differ: \(mismatches.prefix(10))")
    }
}
