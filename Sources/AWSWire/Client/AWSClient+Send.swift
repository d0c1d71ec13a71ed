import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SigV4

extension AWSClient {
    /// Guards, signs, sends and retries one call; parses the answer or throws a typed error.
    func send(_ operation: AWSOperation, _ base: SignableRequest, signingRegion: String) async throws -> AWSResponse {
        if configuration.readOnly && !ReadOnlyGuard.allows(operation, method: base.method) {
            throw AWSError.readOnlyViolation(operation: operation)
        }
        let policy = configuration.retry
        let retryable = policy.retryNonIdempotent || ReadOnlyGuard.isReadOperation(operation)
        let maxAttempts = retryable ? policy.maxAttempts : 1
        let started = Date()
        let limiter = limiters.semaphore(for: operation.service.id)
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let outcome: Outcome
            do {
                let request = try await signed(base, operation: operation, signingRegion: signingRegion)
                emit(operation, attempt, .sending)
                outcome = try await limiter.withPermit { try await self.execute(request) }
            } catch let error as AWSError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let reason = Self.transportReason(error)
                emit(operation, attempt, .failed(reason: reason))
                if error is NIOTooManyBytesError || !Self.isTransient(error) {
                    throw error is NIOTooManyBytesError
                        ? AWSError.invalidResponse(operation: operation, reason: "response larger than \(configuration.maxResponseBytes) bytes")
                        : AWSError.transport(operation: operation, reason: reason, attempts: attempt)
                }
                guard attempt < maxAttempts, let delay = nextDelay(policy, attempt: attempt, retryAfter: nil, started: started) else {
                    throw AWSError.transport(operation: operation, reason: reason, attempts: attempt)
                }
                emit(operation, attempt, .retrying(after: delay))
                try await sleep(delay)
                continue
            }
            emit(operation, attempt, .received(status: outcome.status))
            if (200..<300).contains(outcome.status) {
                return try parse(operation, outcome)
            }
            let (code, message) = ErrorDecoder.decode(protocol: operation.service.protocol, status: outcome.status, headers: outcome.headers, body: outcome.body)
            let error = AWSError.classify(operation: operation, code: code, message: message, status: outcome.status, attempts: attempt)
            let retryAfter = RetryPolicy.parseRetryAfter(outcome.headers["Retry-After"])
            guard AWSError.isRetryable(code: code, status: outcome.status), attempt < maxAttempts,
                  let delay = nextDelay(policy, attempt: attempt, retryAfter: retryAfter, started: started)
            else {
                throw error
            }
            emit(operation, attempt, .retrying(after: delay))
            try await sleep(delay)
        }
    }

    struct Outcome: Sendable {
        let status: Int
        let headers: HTTPHeaderList
        let body: [UInt8]
    }

    /// The wait before the next attempt, or `nil` if it would overrun the total time budget.
    func nextDelay(_ policy: RetryPolicy, attempt: Int, retryAfter: TimeInterval?, started: Date) -> TimeInterval? {
        if let retryAfter, retryAfter > policy.maxDelay { return nil }  // the server asks for more than we may wait
        let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
        let elapsed = Date().timeIntervalSince(started)
        return elapsed + delay + 0.001 < policy.maxTotalTime ? delay : nil
    }

    /// Signs a copy of `base` with the current credentials (or leaves it unsigned without a provider).
    func signed(_ base: SignableRequest, operation: AWSOperation, signingRegion: String) async throws -> SignableRequest {
        var request = base
        request.headers.replace("Host", request.hostHeaderValue)
        request.headers.replace("User-Agent", configuration.userAgent)
        guard let provider = credentialProvider else { return request }
        let credentials: AWSCredentials
        do {
            credentials = try await provider.credentials()
        } catch let error as AWSError {
            throw error
        } catch {
            throw AWSError.credentials("\(provider.name): \(error)")
        }
        let signer = signers.signer(credentials: credentials, region: signingRegion, service: operation.service.signingName)
        signer.sign(&request, date: Date())
        return request
    }

    /// Sends one attempt and collects the (bounded) body.
    func execute(_ request: SignableRequest) async throws -> Outcome {
        var http = HTTPClientRequest(url: request.urlString)
        http.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { http.body = .bytes(ByteBuffer(bytes: request.body)) }
        let response = try await self.http.execute(http, timeout: .milliseconds(Int64(configuration.requestTimeout * 1000)))
        let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
        var headers = HTTPHeaderList()
        for header in response.headers { headers.add(header.name, header.value) }
        return Outcome(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
    }

    func parse(_ operation: AWSOperation, _ outcome: Outcome) throws -> AWSResponse {
        var xml: AWSXMLNode?
        var json: JSONValue?
        if !outcome.body.isEmpty {
            do {
                if operation.service.protocol == .json {
                    json = try JSONValue.parse(outcome.body)
                } else {
                    xml = try AWSXMLNode.parse(outcome.body)
                }
            } catch {
                throw AWSError.invalidResponse(operation: operation, reason: "\(error)")
            }
        }
        return AWSResponse(operation: operation, status: outcome.status, headers: outcome.headers, body: outcome.body, xml: xml, json: json)
    }

    func emit(_ operation: AWSOperation, _ attempt: Int, _ phase: AWSRequestEvent.Phase) {
        configuration.hook?(AWSRequestEvent(operation: operation, attempt: attempt, phase: phase, region: configuration.region))
    }

    /// Connection-level failures worth another attempt (refused, reset, closed, timed out).
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            let permanent: [HTTPClientError] = [.invalidURL, .emptyScheme, .emptyHost, .bodyLengthMismatch, .cancelled]
            return !permanent.contains(error)
        }
        return true
    }

    /// A short, secret-free description of a transport error.
    static func transportReason(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// One semaphore per service, created on first use.
final class LimiterRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var semaphores: [String: AsyncSemaphore] = [:]
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func semaphore(for service: String) -> AsyncSemaphore {
        lock.lock()
        defer { lock.unlock() }
        if let s = semaphores[service] { return s }
        let s = AsyncSemaphore(limit: limit)
        semaphores[service] = s
        return s
    }
}

/// Reuses signers (and so their signing-key caches) while the credentials stay the same.
final class SignerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var signers: [String: SigV4Signer] = [:]

    func signer(credentials: AWSCredentials, region: String, service: String) -> SigV4Signer {
        let key = "\(region)/\(service)"
        lock.lock()
        defer { lock.unlock() }
        if let s = signers[key], s.credentials == credentials { return s }
        let s = SigV4Signer(credentials: credentials, region: region, service: service)
        signers[key] = s
        return s
    }
}
