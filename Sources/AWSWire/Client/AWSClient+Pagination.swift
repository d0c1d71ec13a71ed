extension AWSClient {
    /// The pages of a Query, EC2 or JSON operation, fetched one at a time as the caller iterates.
    ///
    /// The paginator defaults to botocore's for the operation; without one the stream yields a
    /// single page. Iteration stops at the last page, when a token repeats (a service bug would
    /// otherwise loop forever) or after `maxPages`. Cancelling the consuming task stops fetching.
    public func pages(_ operation: AWSOperation, _ parameters: JSONValue = [:], paginator: AWSPaginator? = nil,
                      maxPages: Int = 1000) -> AsyncThrowingStream<AWSResponse, any Error> {
        let paginator = paginator ?? AWSPaginator.forOperation(operation)
        return stream(paginator: paginator, maxPages: maxPages) { token in
            var parameters = parameters
            if let token, let paginator, case .object(var object) = parameters {
                object[paginator.inputToken] = .string(token)
                parameters = .object(object)
            } else if let token, let paginator {
                parameters = .object([paginator.inputToken: .string(token)])
            }
            return try await self.call(operation, parameters)
        }
    }

    /// The pages of a REST-XML operation; the token goes in the query string.
    public func restPages(_ operation: AWSOperation, _ input: RESTRequest, paginator: AWSPaginator? = nil,
                          maxPages: Int = 1000) -> AsyncThrowingStream<AWSResponse, any Error> {
        let paginator = paginator ?? AWSPaginator.forOperation(operation)
        return stream(paginator: paginator, maxPages: maxPages) { token in
            var input = input
            if let token, let paginator {
                input.query.removeAll { $0.name == paginator.inputToken }
                input.query.append((name: paginator.inputToken, value: token))
            }
            return try await self.rest(operation, input)
        }
    }

    func stream(paginator: AWSPaginator?, maxPages: Int,
                fetch: @escaping @Sendable (String?) async throws -> AWSResponse) -> AsyncThrowingStream<AWSResponse, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: AWSResponse.self, bufferingPolicy: .bufferingOldest(1))
        let task = Task {
            var token: String?
            var seen: Set<String> = []
            do {
                for _ in 0..<max(1, maxPages) {
                    try Task.checkCancellation()
                    let page = try await fetch(token)
                    continuation.yield(page)
                    guard let paginator, let next = page.nextToken(paginator), seen.insert(next).inserted else { break }
                    token = next
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
