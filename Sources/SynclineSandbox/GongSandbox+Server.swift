import Hummingbird
package import Logging

extension GongSandbox {
    /// Serves on 127.0.0.1:`port` (0 picks a free port) until the calling task is cancelled.
    ///
    /// `onListening` receives the bound port once the server accepts connections. Cancelling the task that
    /// awaits `run` shuts the server down and returns. `logger` receives the server's own messages; by default
    /// only critical ones (stopping by cancellation makes Hummingbird log an error that means nothing here).
    package nonisolated func run(
        port: Int = 0, logger: Logger? = nil, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        var quiet = Logger(label: "syncline.sandbox.gong")
        quiet.logLevel = .critical
        let app = Application(
            responder: GongSandboxResponder(sandbox: self),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? port)
            },
            logger: logger ?? quiet
        )
        try await app.run()
    }
}

/// Turns Hummingbird requests into the sandbox's and its answers into JSON responses.
struct GongSandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// Requests larger than this are refused (Gong's bodies are a few hundred bytes).
    static let maximumBodySize = 4 << 20

    let sandbox: GongSandbox

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        // A body beyond the limit is answered like a malformed one (400 with Gong's error body).
        let body = (try? await request.collectBody(upTo: Self.maximumBodySize)) ?? ByteBuffer()
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
            query[String(name)] = String(value)
        }
        let answer = await sandbox.handle(
            SandboxHTTPRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query, queryItems: query,
                authorization: request.headers[.authorization], body: Array(buffer: body)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in answer.headers {
            if let field = HTTPFields.Element.Name(name) { headers[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension GongSandbox {
    /// Serves on a free port of 127.0.0.1 while `body` runs with that port, then stops the server.
    ///
    /// Structured: the server is a child task of this call, cancelled when `body` returns or throws.
    package nonisolated func serving<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            group.addTask {
                try await self.run(port: 0) { port in
                    continuation.yield(port)
                    continuation.finish()
                }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                throw GongSandboxDataError.invalid(source: "server", reason: "did not start")
            }
            defer { group.cancelAll() }
            return try await body(port)
        }
    }
}
