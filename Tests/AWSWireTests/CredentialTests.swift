import Foundation
import SigV4
import Testing
@testable import AWSWire

@Suite("Credential chain")
struct CredentialTests {
    /// Environment for a chain that can never reach a real metadata service.
    func baseEnv(_ dir: TempDirectory, config: String = "", credentials: String = "") throws -> [String: String] {
        [
            "AWS_CONFIG_FILE": try dir.write("config", config),
            "AWS_SHARED_CREDENTIALS_FILE": try dir.write("credentials", credentials),
            "AWS_EC2_METADATA_DISABLED": "true",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    func chain(_ env: [String: String], profile: String? = nil) throws -> CredentialChain {
        CredentialChain(settings: try AWSSettings(profile: profile, environment: env))
    }

    @Test func environmentFirstUnlessProfileIsExplicit() async throws {
        let dir = try TempDirectory()
        var env = try baseEnv(dir, credentials: "[default]\naws_access_key_id = AKIAFILEDEFAULT0\naws_secret_access_key = fileSecret\n[p]\naws_access_key_id = AKIAFILEPROFILE0\naws_secret_access_key = s\n")
        env["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT0"
        env["AWS_SECRET_ACCESS_KEY"] = "envSecret"
        env["AWS_SESSION_TOKEN"] = "envToken"
        let fromEnv = try await chain(env).credentials()
        #expect(fromEnv.accessKeyId == "AKIAENVIRONMENT0" && fromEnv.sessionToken == "envToken")
        env["AWS_PROFILE"] = "p"
        #expect(try await chain(env).credentials().accessKeyId == "AKIAENVIRONMENT0")  // AWS_PROFILE does not beat env keys
        #expect(try await chain(env, profile: "p").credentials().accessKeyId == "AKIAFILEPROFILE0")  // --profile does
    }

    @Test func credentialsFileBeatsConfigFileAndProfileSections() async throws {
        let dir = try TempDirectory()
        let env = try baseEnv(dir, config: "[profile dev]\naws_access_key_id = AKIACONFIGDEV000\naws_secret_access_key = c\n[profile only]\naws_access_key_id = AKIACONFIGONLY00\naws_secret_access_key = c\n",
                              credentials: "[dev]\naws_access_key_id = AKIACREDSDEV0000\naws_secret_access_key = k\n")
        #expect(try await chain(env, profile: "dev").credentials().accessKeyId == "AKIACREDSDEV0000")
        #expect(try await chain(env, profile: "only").credentials().accessKeyId == "AKIACONFIGONLY00")
    }

    @Test func noCredentialsListsWhatWasTried() async throws {
        let dir = try TempDirectory()
        do {
            _ = try await chain(try baseEnv(dir)).credentials()
            Issue.record("expected an error")
        } catch let error as AWSError {
            guard case .credentials(let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reason.contains("AWS_EC2_METADATA_DISABLED"))
        }
    }

    @Test func assumeRoleChainWithSourceProfiles() async throws {
        let server = try TestHTTPServer { request, index in
            .xml(stsCredentialsXML(action: "AssumeRole", id: "ASIAHOP\(index)EXAMPLE", secret: "hopSecret\(index)", token: "hopToken\(index)"))
        }
        defer { server.shutdown() }
        let dir = try TempDirectory()
        var env = try baseEnv(dir, config: """
            [profile base]
            region = eu-west-1
            [profile middle]
            role_arn = arn:aws:iam::111111111111:role/middle
            source_profile = base
            [profile audit]
            role_arn = arn:aws:iam::222222222222:role/audit
            source_profile = middle
            role_session_name = ebguard-test
            external_id = ext-123
            duration_seconds = 1800
            region = eu-west-1
            """, credentials: "[base]\naws_access_key_id = AKIABASEKEY00000\naws_secret_access_key = baseSecret\n")
        env["AWS_ENDPOINT_URL_STS"] = server.baseURL
        let creds = try await chain(env, profile: "audit").credentials()
        #expect(creds.accessKeyId == "ASIAHOP1EXAMPLE" && creds.sessionToken == "hopToken1")
        #expect(server.requests.count == 2)
        let first = server.requests[0].formPairs
        #expect(first["Action"] == "AssumeRole" && first["RoleArn"] == "arn:aws:iam::111111111111:role/middle")
        #expect(first["ExternalId"] == nil)
        #expect(verifySignature(server.requests[0], credentials: AWSCredentials(accessKeyId: "AKIABASEKEY00000", secretAccessKey: "baseSecret"),
                                region: "eu-west-1", service: "sts"))
        let second = server.requests[1].formPairs
        #expect(second["RoleArn"] == "arn:aws:iam::222222222222:role/audit")
        #expect(second["RoleSessionName"] == "ebguard-test" && second["ExternalId"] == "ext-123" && second["DurationSeconds"] == "1800")
        #expect(server.requests[1].header("X-Amz-Security-Token") == "hopToken0")
        #expect(verifySignature(server.requests[1], credentials: AWSCredentials(accessKeyId: "ASIAHOP0EXAMPLE", secretAccessKey: "hopSecret0", sessionToken: "hopToken0"),
                                region: "eu-west-1", service: "sts"))
    }

    @Test func sourceProfileCycleIsRefused() async throws {
        let dir = try TempDirectory()
        let env = try baseEnv(dir, config: """
            [profile a]
            role_arn = arn:aws:iam::1:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/b
            source_profile = a
            """)
        await #expect(throws: AWSError.configuration("source_profile cycle: a → b → a")) { try await chain(env, profile: "a").credentials() }
    }

    @Test func credentialProcess() async throws {
        let dir = try TempDirectory()
        let script = try dir.write("creds.sh", """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIAPROCESS00000", "SecretAccessKey": "procSecret", "SessionToken": "procToken", "Expiration": "2099-01-01T00:00:00.000Z"}'
            """, executable: true)
        let env = try baseEnv(dir, config: "[profile proc]\ncredential_process = \(script) --arg 'quoted value'\n")
        let creds = try await chain(env, profile: "proc").credentials()
        #expect(creds.accessKeyId == "AKIAPROCESS00000" && creds.sessionToken == "procToken")
        #expect(creds.expiration == Date(timeIntervalSince1970: 4_070_908_800))
        #expect(ProcessCredentialProvider.split(#"a "b c" 'd e' f\ g"#) == ["a", "b c", "d e", "f g"])
    }

    @Test func credentialProcessFailuresAreBoundedAndRedacted() async throws {
        let dir = try TempDirectory()
        let secretLine = String(repeating: "S", count: 300)
        let failing = try dir.write("fail.sh", "#!/bin/sh\necho '\(secretLine)' >&2\necho second-line-secret >&2\nexit 3\n", executable: true)
        let env = try baseEnv(dir)
        do {
            _ = try await ProcessCredentialProvider(command: failing, environment: env).credentials()
            Issue.record("expected failure")
        } catch let error as AWSError {
            let text = "\(error)"
            #expect(text.contains("exit status 3"))
            #expect(!text.contains(secretLine) && !text.contains("second-line-secret"))
        }
        let slow = try dir.write("slow.sh", "#!/bin/sh\nsleep 300\n", executable: true)
        let started = Date()
        await #expect(throws: AWSError.credentials("profile default: credential_process: timed out after 0 s")) {
            try await ProcessCredentialProvider(command: slow, environment: env, timeout: 0.3).credentials()
        }
        // Far below the 300 s the helper would take, with room for a loaded machine.
        #expect(Date().timeIntervalSince(started) < 120)
        let badVersion = try dir.write("v2.sh", "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\"}'\n", executable: true)
        await #expect(throws: AWSError.credentials("profile default: credential_process: unsupported Version (expected 1)")) {
            try await ProcessCredentialProvider(command: badVersion, environment: env).credentials()
        }
    }

    @Test func webIdentityIsUnsigned() async throws {
        let server = try TestHTTPServer { _, _ in .xml(stsCredentialsXML(action: "AssumeRoleWithWebIdentity", id: "ASIAWEBIDENTITY0")) }
        defer { server.shutdown() }
        let dir = try TempDirectory()
        var env = try baseEnv(dir)
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = try dir.write("token", "eyJ.token.value\n")
        env["AWS_ROLE_ARN"] = "arn:aws:iam::333333333333:role/web"
        env["AWS_ROLE_SESSION_NAME"] = "pod-1"
        env["AWS_ENDPOINT_URL_STS"] = server.baseURL
        env["AWS_REGION"] = "us-west-2"
        let creds = try await chain(env).credentials()
        #expect(creds.accessKeyId == "ASIAWEBIDENTITY0")
        let request = try #require(server.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(request.formPairs["WebIdentityToken"] == "eyJ.token.value" && request.formPairs["RoleSessionName"] == "pod-1")
    }

    @Test func containerCredentialsWithTokenFile() async throws {
        let server = try TestHTTPServer { request, _ in
            request.header("Authorization") == "Bearer abc"
                ? .json(#"{"AccessKeyId":"ASIACONTAINER000","SecretAccessKey":"c","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#)
                : .text("unauthorized", status: 401)
        }
        defer { server.shutdown() }
        let dir = try TempDirectory()
        var env = try baseEnv(dir)
        env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.baseURL + "/v2/credentials/x"
        env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = try dir.write("ecs-token", "Bearer abc\n")
        let creds = try await chain(env).credentials()
        #expect(creds.accessKeyId == "ASIACONTAINER000")
        #expect(server.requests.first?.path == "/v2/credentials/x")
        let remote = ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://10.0.0.8/creds"])
        #expect(throws: AWSError.self) { try remote.url() }
        let relative = ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/c"])
        #expect(try relative.url() == "http://169.254.170.2/v2/c")
    }

    @Test func imdsV2TokenFirst() async throws {
        let server = try TestHTTPServer { request, _ in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" ? .text("imds-token") : .text("", status: 400)
            case ("GET", _) where request.header("X-aws-ec2-metadata-token") != "imds-token":
                return .text("", status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .text("eb-instance-role\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/eb-instance-role"):
                return .json(#"{"Code":"Success","AccessKeyId":"ASIAINSTANCE0000","SecretAccessKey":"i","Token":"it","Expiration":"2099-01-01T00:00:00Z"}"#)
            default:
                return .text("", status: 404)
            }
        }
        defer { server.shutdown() }
        let dir = try TempDirectory()
        var env = try baseEnv(dir)
        env["AWS_EC2_METADATA_DISABLED"] = nil
        env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server.baseURL + "/"
        let creds = try await chain(env).credentials()
        #expect(creds.accessKeyId == "ASIAINSTANCE0000" && creds.sessionToken == "it")
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/eb-instance-role",
        ])
    }

    @Test func imdsNeverFallsBackToV1() async throws {
        let server = try TestHTTPServer { request, _ in
            request.method == "PUT" ? .text("", status: 403) : .text("eb-instance-role")
        }
        defer { server.shutdown() }
        let provider = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL])
        await #expect(throws: CredentialSourceUnavailable.self) { try await provider.credentials() }
        #expect(server.requests.map(\.method) == ["PUT"])
        let disabled = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_DISABLED": "true", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL])
        await #expect(throws: CredentialSourceUnavailable.self) { try await disabled.credentials() }
        #expect(server.requests.count == 1)
    }

    @Test func cacheCoalescesAndRefreshesBeforeExpiry() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_000_000))
        let source = CountingProvider(lifetime: 3600, clock: clock)
        let cache = CachedCredentialProvider(source, refreshMargin: 300, now: { clock.now })
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try? await cache.credentials() } }
        }
        #expect(source.calls == 1)
        clock.advance(3000)  // 10 minutes left: still fresh
        #expect(try await cache.credentials().accessKeyId == "ASIACOUNT1")
        clock.advance(400)  // 200 s left: inside the 5-minute margin → refresh
        #expect(try await cache.credentials().accessKeyId == "ASIACOUNT2")
        #expect(source.calls == 2)
        source.failNext = true
        clock.advance(3500)  // 100 s left and the refresh fails: keep using the still-valid credentials
        #expect(try await cache.credentials().accessKeyId == "ASIACOUNT2")
        source.failNext = true
        clock.advance(200)  // expired and the refresh fails: error
        await #expect(throws: AWSError.self) { try await cache.credentials() }
    }

    @Test func errorsAndDescriptionsNeverContainSecrets() async throws {
        let creds = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "SECRETSECRETSECRET", sessionToken: "TOKENTOKENTOKEN")
        let provider = StaticCredentialProvider(creds)
        let server = try TestHTTPServer { _, _ in .xml("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error></ErrorResponse>", status: 403) }
        defer { server.shutdown() }
        do {
            _ = try await makeClient(server, credentials: provider).call(AWSOperation(.sts, "GetCallerIdentity"))
        } catch {
            let text = "\(error) \(String(reflecting: error))"
            #expect(text.contains("sts:GetCallerIdentity credentials rejected"))
            for secret in ["SECRETSECRET", "TOKENTOKEN", "Signature="] { #expect(!text.contains(secret)) }
        }
        #expect(server.requests.count == 1)
    }
}

final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(_ seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}

final class CountingProvider: CredentialProvider, @unchecked Sendable {
    let name = "counting"
    private let lock = NSLock()
    private var count = 0
    private var fail = false
    let lifetime: TimeInterval
    let clock: TestClock
    init(lifetime: TimeInterval, clock: TestClock) { self.lifetime = lifetime; self.clock = clock }
    private func next() -> Int? {
        lock.withLock {
            if fail {
                fail = false
                return nil
            }
            count += 1
            return count
        }
    }
    var calls: Int { lock.lock(); defer { lock.unlock() }; return count }
    var failNext: Bool {
        get { lock.lock(); defer { lock.unlock() }; return fail }
        set { lock.lock(); fail = newValue; lock.unlock() }
    }
    func credentials() async throws -> AWSCredentials {
        try await Task.sleep(nanoseconds: 20_000_000)
        guard let n = next() else { throw AWSError.credentials("refresh failed") }
        return AWSCredentials(accessKeyId: "ASIACOUNT\(n)", secretAccessKey: "s", expiration: clock.now.addingTimeInterval(lifetime))
    }
}
