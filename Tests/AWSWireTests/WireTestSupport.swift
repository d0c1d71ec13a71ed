import AsyncHTTPClient
import Foundation
import SigV4
@testable import AWSWire

let testCredentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

/// A client pointed at the loopback server with fast retries and no real sleeping.
func makeClient(_ server: TestHTTPServer, region: String = "us-east-1", readOnly: Bool = true, maxAttempts: Int = 5,
                credentials: (any CredentialProvider)? = StaticCredentialProvider(testCredentials),
                extraEnvironment: [String: String] = [:], hook: (@Sendable (AWSRequestEvent) -> Void)? = nil,
                sleeps: SleepRecorder = SleepRecorder()) -> AWSClient {
    var configuration = AWSClient.Configuration(region: region)
    configuration.endpoints = EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.baseURL].merging(extraEnvironment) { $1 })
    configuration.readOnly = readOnly
    // A total budget of an hour: sleeps are recorded, not slept, so the budget is only ever spent
    // by the machine itself, and a loaded machine must not turn a retry test into a give-up.
    configuration.retry = RetryPolicy(maxAttempts: maxAttempts, baseDelay: 0.01, maxDelay: 20, maxTotalTime: 3600, random: { 0.5 })
    configuration.requestTimeout = 5
    configuration.hook = hook
    return AWSClient(configuration: configuration, credentials: credentials, sleep: { await sleeps.record($0) })
}

/// Records requested sleeps instead of sleeping.
actor SleepRecorder {
    private(set) var delays: [TimeInterval] = []
    func record(_ delay: TimeInterval) { delays.append(delay) }
}

/// Recomputes the signature of a recorded request with our signer and compares the header.
func verifySignature(_ request: TestHTTPServer.Request, credentials: AWSCredentials = testCredentials, region: String, service: String) -> Bool {
    guard let auth = request.header("Authorization"), let amzDate = request.header("X-Amz-Date"), let date = SigV4Timestamp.parse(amzDate) else {
        return false
    }
    let signedNames = auth.components(separatedBy: "SignedHeaders=")[1].components(separatedBy: ",")[0].split(separator: ";").map(String.init)
    var headers = HTTPHeaderList()
    for (name, value) in request.headers where signedNames.contains(name.lowercased()) { headers.add(name, value) }
    let hostParts = (request.header("Host") ?? "").split(separator: ":")
    var signable = SignableRequest(method: request.method, scheme: "http", host: String(hostParts.first ?? ""),
                                   port: hostParts.count > 1 ? Int(hostParts[1]) : nil, path: request.path,
                                   query: request.rawQuery.split(separator: "&").map { pair in
                                       let p = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                                       return (name: SigV4Encoding.decode(String(p[0])), value: p.count > 1 ? SigV4Encoding.decode(String(p[1])) : "")
                                   },
                                   headers: headers, body: request.body)
    SigV4Signer(credentials: credentials, region: region, service: service).sign(&signable, date: date)
    return signable.headers["Authorization"] == auth
}

/// A temporary directory removed at the end of the test.
final class TempDirectory: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("awswire-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let path = url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

func stsCredentialsXML(action: String, id: String = "ASIAASSUMEDEXAMPLE", secret: String = "assumedSecret", token: String = "assumedToken",
                       expiration: String = "2099-01-01T00:00:00Z") -> String {
    """
    <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result><Credentials>
    <AccessKeyId>\(id)</AccessKeyId><SecretAccessKey>\(secret)</SecretAccessKey><SessionToken>\(token)</SessionToken>
    <Expiration>\(expiration)</Expiration></Credentials></\(action)Result>
    <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></\(action)Response>
    """
}
