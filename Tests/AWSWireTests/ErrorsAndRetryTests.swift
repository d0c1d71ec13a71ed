import Foundation
import SigV4
import Testing
@testable import AWSWire

@Suite("Error decoding, retries and the read-only guard")
struct ErrorsAndRetryTests {
    @Test func queryAccessDeniedNamesTheOperation() async throws {
        let server = try TestHTTPServer { _, _ in
            .xml("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/x is not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>", status: 403)
        }
        defer { server.shutdown() }
        await #expect(throws: AWSError.accessDenied(operation: AWSOperation(.iam, "GetRolePolicy"), code: "AccessDenied",
                                                     message: "User: arn:aws:iam::1:user/x is not authorized")) {
            try await makeClient(server).call(AWSOperation(.iam, "GetRolePolicy"), ["RoleName": "r", "PolicyName": "p"])
        }
        #expect(server.requests.count == 1)  // not retried
        let error = AWSError.accessDenied(operation: AWSOperation(.iam, "GetRolePolicy"), code: "AccessDenied", message: nil)
        #expect(error.findingReason == "iam:GetRolePolicy denied")
    }

    @Test func ec2ErrorShapes() async throws {
        let server = try TestHTTPServer { _, index in
            index == 0
                ? .xml("<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>no</Message></Error></Errors><RequestID>x</RequestID></Response>", status: 403)
                : .xml("<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>gone</Message></Error></Errors></Response>", status: 400)
        }
        defer { server.shutdown() }
        let client = makeClient(server)
        let op = AWSOperation(.ec2, "DescribeSecurityGroups")
        await #expect(throws: AWSError.accessDenied(operation: op, code: "UnauthorizedOperation", message: "no")) { try await client.call(op) }
        await #expect(throws: AWSError.notFound(operation: op, code: "InvalidGroup.NotFound", message: "gone")) { try await client.call(op) }
    }

    @Test func jsonErrorTypeIsSanitized() async throws {
        let server = try TestHTTPServer { _, index in
            index == 0
                ? .json(#"{"__type":"com.amazonaws.kms#AccessDeniedException","message":"denied"}"#, status: 400)
                : .json(#"{"message":"missing"}"#, status: 400, headers: [("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/")])
        }
        defer { server.shutdown() }
        let client = makeClient(server)
        let op = AWSOperation(.kms, "DescribeKey")
        await #expect(throws: AWSError.accessDenied(operation: op, code: "AccessDeniedException", message: "denied")) { try await client.call(op) }
        await #expect(throws: AWSError.notFound(operation: op, code: "ResourceNotFoundException", message: "missing")) { try await client.call(op) }
    }

    @Test func s3ErrorsIncludingBodylessHead() async throws {
        let server = try TestHTTPServer { request, _ in
            request.method == "HEAD"
                ? TestHTTPServer.Response(status: 404)
                : .xml("<Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message></Error>", status: 404)
        }
        defer { server.shutdown() }
        let client = makeClient(server)
        let get = AWSOperation(.s3, "GetBucketPolicy")
        await #expect(throws: AWSError.notFound(operation: get, code: "NoSuchBucketPolicy", message: "The bucket policy does not exist")) {
            try await client.rest(get, RESTRequest(bucket: "b", query: [("policy", "")]))
        }
        let head = AWSOperation(.s3, "HeadBucket")
        await #expect(throws: AWSError.notFound(operation: head, code: "NotFound", message: nil)) {
            try await client.rest(head, RESTRequest(method: "HEAD", bucket: "b"))
        }
    }

    @Test(arguments: ["Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown"])
    func throttlingThenSuccess(code: String) async throws {
        let server = try TestHTTPServer { _, index in
            index < 2
                ? .xml("<ErrorResponse><Error><Code>\(code)</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", status: 400)
                : .xml("<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
        }
        defer { server.shutdown() }
        let sleeps = SleepRecorder()
        let response = try await makeClient(server, sleeps: sleeps).call(AWSOperation(.sts, "GetCallerIdentity"))
        #expect(response.result?.string("Account") == "123456789012")
        #expect(server.requests.count == 3)
        // Full jitter with random() = 0.5: 0.5·0.01·2⁰, then 0.5·0.01·2¹.
        #expect(await sleeps.delays == [0.005, 0.01])
        // Each attempt is signed afresh.
        #expect(server.requests.allSatisfy { verifySignature($0, region: "us-east-1", service: "sts") })
    }

    @Test func throttledAfterMaxAttempts() async throws {
        let server = try TestHTTPServer { _, _ in .xml("<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>", status: 400) }
        defer { server.shutdown() }
        let op = AWSOperation(.elasticBeanstalk, "DescribeEnvironments")
        await #expect(throws: AWSError.throttled(operation: op, code: "Throttling", attempts: 5)) { try await makeClient(server).call(op) }
        #expect(server.requests.count == 5)
    }

    @Test func retryAfterIsHonouredOn503() async throws {
        let server = try TestHTTPServer { _, index in
            index == 0
                ? TestHTTPServer.Response(status: 503, headers: [("Retry-After", "3")], body: [])
                : .xml("<DescribeEventsResponse><DescribeEventsResult><Events/></DescribeEventsResult></DescribeEventsResponse>")
        }
        defer { server.shutdown() }
        let sleeps = SleepRecorder()
        _ = try await makeClient(server, sleeps: sleeps).call(AWSOperation(.elasticBeanstalk, "DescribeEvents"))
        #expect(await sleeps.delays == [3])
        #expect(server.requests.count == 2)
    }

    @Test func retryAfterBeyondTheCapGivesUp() async throws {
        let server = try TestHTTPServer { _, _ in TestHTTPServer.Response(status: 503, headers: [("Retry-After", "3600")]) }
        defer { server.shutdown() }
        let op = AWSOperation(.elasticBeanstalk, "DescribeEvents")
        await #expect(throws: AWSError.service(operation: op, code: "InternalError", message: nil, status: 503)) { try await makeClient(server).call(op) }
        #expect(server.requests.count == 1)
    }

    @Test func droppedConnectionIsRetried() async throws {
        let server = try TestHTTPServer { _, index in
            index == 0 ? TestHTTPServer.Response(drop: true)
                : .xml("<ListRolesResponse><ListRolesResult><IsTruncated>false</IsTruncated></ListRolesResult></ListRolesResponse>")
        }
        defer { server.shutdown() }
        let events = EventLog()
        _ = try await makeClient(server, hook: events.hook).call(AWSOperation(.iam, "ListRoles"))
        #expect(server.requests.count == 2)
        #expect(events.phases.contains { if case .failed = $0 { true } else { false } })
    }

    @Test func writesAreNotRetriedEvenWhenAllowed() async throws {
        let server = try TestHTTPServer { _, _ in TestHTTPServer.Response(status: 500) }
        defer { server.shutdown() }
        let op = AWSOperation(.elasticBeanstalk, "UpdateEnvironment")
        await #expect(throws: AWSError.service(operation: op, code: "InternalError", message: nil, status: 500)) {
            try await makeClient(server, readOnly: false).call(op, ["EnvironmentName": "prod"])
        }
        #expect(server.requests.count == 1)
    }

    @Test func readOnlyGuardRefusesBeforeSending() async throws {
        let server = try TestHTTPServer { _, _ in .xml("<ok/>") }
        defer { server.shutdown() }
        let client = makeClient(server)
        for name in ["UpdateEnvironment", "DeleteRole", "Listing", "PutBucketPolicy", "TerminateEnvironments", "CreateStorageLocation"] {
            let op = AWSOperation(.elasticBeanstalk, name)
            await #expect(throws: AWSError.readOnlyViolation(operation: op)) { try await client.call(op) }
        }
        let get = AWSOperation(.s3, "GetBucketPolicy")
        await #expect(throws: AWSError.readOnlyViolation(operation: get)) { try await client.rest(get, RESTRequest(method: "PUT", bucket: "b")) }
        #expect(server.requests.isEmpty)
        #expect(ReadOnlyGuard.allows(AWSOperation(.sts, "AssumeRole"), method: "POST"))
        #expect(ReadOnlyGuard.allows(AWSOperation(.cloudTrail, "LookupEvents"), method: "POST"))
        #expect(ReadOnlyGuard.allows(AWSOperation(.s3, "HeadBucket"), method: "HEAD"))
        #expect(!ReadOnlyGuard.allows(AWSOperation(.s3, "HeadBucket"), method: "GET"))
    }

    @Test func hookCountsCallsPerService() async throws {
        let server = try TestHTTPServer { request, _ in
            request.header("X-Amz-Target") != nil ? .json("{}") : .xml("<R><RResult/></R>")
        }
        defer { server.shutdown() }
        let counter = AWSCallCounter()
        let client = makeClient(server, hook: counter.hook)
        _ = try await client.call(AWSOperation(.elasticBeanstalk, "DescribeEnvironments"))
        _ = try await client.call(AWSOperation(.elasticBeanstalk, "DescribeApplications"))
        _ = try await client.call(AWSOperation(.elbv2, "DescribeLoadBalancers"))
        _ = try await client.call(AWSOperation(.logs, "DescribeLogGroups"))
        #expect(counter.byService == ["elasticbeanstalk": 2, "elasticloadbalancing": 1, "logs": 1])
        #expect(counter.byOperation["elasticbeanstalk:DescribeEnvironments"] == 1)
        #expect(counter.total == 4)
    }

    @Test func classification() {
        let op = AWSOperation(.iam, "GetRole")
        #expect(AWSError.classify(operation: op, code: "NoSuchEntity", message: nil, status: 404, attempts: 1) == .notFound(operation: op, code: "NoSuchEntity", message: nil))
        #expect(AWSError.classify(operation: op, code: "InvalidClientTokenId", message: "m", status: 403, attempts: 1)
            == .authenticationFailed(operation: op, code: "InvalidClientTokenId", message: "m"))
        #expect(AWSError.classify(operation: op, code: "ValidationError", message: "v", status: 400, attempts: 1)
            == .service(operation: op, code: "ValidationError", message: "v", status: 400))
        #expect(AWSError.classify(operation: op, code: nil, message: nil, status: 429, attempts: 3) == .throttled(operation: op, code: "TooManyRequestsException", attempts: 3))
        #expect(ErrorDecoder.sanitizeJSONCode("aws.protocoltests#FooError:http://x") == "FooError")
        #expect(AWSOperation(.elbv2, "DescribeListeners").description == "elasticloadbalancing:DescribeListeners")
    }

    @Test func retryPolicyMath() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 4, random: { 0.999 })
        #expect(policy.delay(afterAttempt: 1) < 1 && policy.delay(afterAttempt: 1) > 0.99)
        #expect(policy.delay(afterAttempt: 10) <= 4)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 2) == 2)
        #expect(RetryPolicy.parseRetryAfter("7") == 7)
        let now = Date(timeIntervalSince1970: 1_000_000_000)
        #expect(abs((RetryPolicy.parseRetryAfter("Sun, 09 Sep 2001 01:47:00 GMT", now: now) ?? 0) - 20) < 0.01)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }

    /// The total budget is what stops retries once the run has waited long enough, whatever the
    /// attempt count allows; `makeClient`'s budget of an hour keeps the other tests off this path.
    @Test func retriesStopAtTheTotalTimeBudget() {
        let server = try? TestHTTPServer { _, _ in .xml("<ok/>") }
        defer { server?.shutdown() }
        guard let server else { Issue.record("no test server"); return }
        let client = makeClient(server)
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 4, maxTotalTime: 10, random: { 0.5 })
        #expect(client.nextDelay(policy, attempt: 1, retryAfter: nil, started: Date()) == 0.5)
        #expect(client.nextDelay(policy, attempt: 1, retryAfter: nil, started: Date().addingTimeInterval(-9.6)) == nil)
        #expect(client.nextDelay(policy, attempt: 1, retryAfter: 5, started: Date()) == nil)
    }

    @Test func semaphoreBoundsConcurrency() async {
        let semaphore = AsyncSemaphore(limit: 3)
        let gauge = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await semaphore.withPermit {
                        await gauge.enter()
                        try? await Task.sleep(nanoseconds: 2_000_000)
                        await gauge.leave()
                    }
                }
            }
        }
        #expect(await gauge.peak == 3)
        #expect(await gauge.current == 0)
    }
}

actor Gauge {
    private(set) var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AWSRequestEvent.Phase] = []
    var hook: @Sendable (AWSRequestEvent) -> Void { { [self] e in lock.lock(); events.append(e.phase); lock.unlock() } }
    var phases: [AWSRequestEvent.Phase] { lock.lock(); defer { lock.unlock() }; return events }
}
