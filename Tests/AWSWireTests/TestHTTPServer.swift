import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server for tests: listens on 127.0.0.1 on a free port, records every
/// request and answers with a handler chosen by the test.
final class TestHTTPServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]

        var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        var rawQuery: String { uri.contains("?") ? String(uri.split(separator: "?", maxSplits: 1)[1]) : "" }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        /// Decoded form/query pairs.
        var formPairs: [String: String] { Self.decodePairs(String(decoding: body, as: UTF8.self)) }
        var queryPairs: [String: String] { Self.decodePairs(rawQuery) }
        var bodyText: String { String(decoding: body, as: UTF8.self) }

        static func decodePairs(_ text: String) -> [String: String] {
            var out: [String: String] = [:]
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                out[key] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            }
            return out
        }
    }

    struct Response: Sendable {
        var status: Int = 200
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        /// Close the connection without answering (a transient network failure).
        var drop = false

        static func xml(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "text/xml")] + headers, body: Array(text.utf8))
        }
        static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "application/x-amz-json-1.1")] + headers, body: Array(text.utf8))
        }
        static func text(_ text: String, status: Int = 200) -> Response {
            Response(status: status, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
    }

    typealias Handler = @Sendable (Request, Int) -> Response

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel!
    private let lock = NSLock()
    private var log: [Request] = []
    private let handler: Handler
    private(set) var port: Int = 0

    init(_ handler: @escaping Handler) throws {
        self.handler = handler
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(server: self))
                }
            }
        channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        port = channel.localAddress!.port!
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    fileprivate func handle(_ request: Request) -> Response {
        lock.lock()
        let index = log.count
        log.append(request)
        lock.unlock()
        return handler(request, index)
    }

    func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    deinit { }
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: TestHTTPServer
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(server: TestHTTPServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = TestHTTPServer.Request(method: head.method.rawValue, uri: head.uri,
                                                 headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let response = server.handle(request)
            if response.drop {
                context.close(promise: nil)
                return
            }
            var headers = HTTPHeaders(response.headers)
            headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
            let responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            if head.method != .HEAD && !response.body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
