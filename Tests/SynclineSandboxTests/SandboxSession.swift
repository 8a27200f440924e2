import Foundation
import Hummingbird
import HummingbirdTesting
import SynclineSandbox
import Testing

/// The credentials a test request carries.
enum TestAuth: Sendable {
    /// Basic auth with the default `sandbox` / `sandbox`.
    case sandbox
    /// Basic auth with these.
    case basic(String, String)
    /// `Bearer <token>`.
    case bearer(String)
    /// No `Authorization` header.
    case none

    var header: String? {
        switch self {
        case .sandbox: Self.basicHeader("sandbox", "sandbox")
        case .basic(let key, let secret): Self.basicHeader(key, secret)
        case .bearer(let token): "Bearer \(token)"
        case .none: nil
        }
    }

    private static func basicHeader(_ key: String, _ secret: String) -> String {
        "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
    }
}

/// One response as the tests see it.
struct TestReply: Sendable {
    let status: Int
    let contentType: String?
    let retryAfter: String?
    let body: Data
    let elapsed: Duration

    /// The body as a JSON object (fails the test when it is not one).
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: body)
        return try #require(object as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
    }

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// `records`.
    func records() throws -> [String: Any] { try #require(try json()["records"] as? [String: Any]) }

    /// `calls`.
    func calls() throws -> [[String: Any]] { try #require(try json()["calls"] as? [[String: Any]]) }

    /// `users`.
    func users() throws -> [[String: Any]] { try #require(try json()["users"] as? [[String: Any]]) }

    /// `metaData.id` (or `id` for flat items) of each call.
    func callIds() throws -> [String] {
        try calls().map { call in
            let metaData = call["metaData"] as? [String: Any] ?? call
            return try #require(metaData["id"] as? String)
        }
    }

    /// `records.cursor`.
    func cursor() throws -> String? { try records()["cursor"] as? String }

    /// `errors`, when the body is Gong's error body.
    func errors() throws -> [String] { try #require(try json()["errors"] as? [String], "no errors: \(text)") }
}

/// A running sandbox and a client connected to it.
struct SandboxSession: Sendable {
    let sandbox: GongSandbox
    let port: Int
    let client: TestClient

    /// Sends `method` to `target` (path and query) with a raw body.
    func send(
        _ method: HTTPRequest.Method, _ target: String, body: Data? = nil, auth: TestAuth = .sandbox
    ) async throws -> TestReply {
        var headers = HTTPFields()
        if let header = auth.header { headers[.authorization] = header }
        if body != nil { headers[.contentType] = "application/json" }
        let started = ContinuousClock.now
        let response = try await client.execute(
            TestClient.Request(target, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) }))
        let bytes = response.body.map { Data($0.readableBytesView) } ?? Data()
        return TestReply(
            status: Int(response.status.code), contentType: response.headers[.contentType],
            retryAfter: response.headers[.retryAfter], body: bytes, elapsed: ContinuousClock.now - started)
    }

    /// `GET target` (path and query).
    func get(_ target: String, auth: TestAuth = .sandbox) async throws -> TestReply {
        try await send(.get, target, auth: auth)
    }

    /// `POST target` with a raw body.
    func post(_ target: String, body: Data, auth: TestAuth = .sandbox) async throws -> TestReply {
        try await send(.post, target, body: body, auth: auth)
    }

    /// `POST /v2/calls/extensive` with `body` (a JSON object), `query` appended to the path as is.
    func extensive(_ body: [String: Any], auth: TestAuth = .sandbox, query: String = "") async throws -> TestReply {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await send(.post, "/v2/calls/extensive" + query, body: data, auth: auth)
    }

    /// Every page of `POST /v2/calls/extensive` for `filter` and `selector`, following cursors.
    func allExtensivePages(
        filter: [String: Any] = [:], selector: [String: Any]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [TestReply] {
        var pages: [TestReply] = []
        var cursor: String?
        repeat {
            var body: [String: Any] = ["filter": filter]
            if let selector { body["contentSelector"] = selector }
            if let cursor { body["cursor"] = cursor }
            let reply = try await extensive(body)
            try #require(
                reply.status == 200, "page \(pages.count): \(reply.status) \(reply.text)",
                sourceLocation: sourceLocation)
            pages.append(reply)
            cursor = try reply.cursor()
            try #require(pages.count < 10_000, "the cursor never ends", sourceLocation: sourceLocation)
        } while cursor != nil
        return pages
    }

    /// Every page of `GET /v2/calls` with `query` (already encoded, without `?`), following cursors.
    func allCallPages(query: String) async throws -> [TestReply] {
        var pages: [TestReply] = []
        var cursor: String?
        repeat {
            let target = "/v2/calls?" + query + (cursor.map { "&cursor=" + TestQuery.encode($0) } ?? "")
            let reply = try await get(target)
            try #require(reply.status == 200, "page \(pages.count): \(reply.status) \(reply.text)")
            pages.append(reply)
            cursor = try reply.cursor()
        } while cursor != nil
        return pages
    }
}

/// Query-string helpers.
enum TestQuery {
    /// Percent-encodes `value` for a query (`+` and `:` included, so offsets survive).
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// Runs `body` against a sandbox serving `data` on an ephemeral port; the server stops when `body` returns.
func withSandbox<Result: Sendable>(
    _ data: GongSandboxData, configuration: GongSandboxConfiguration = GongSandboxConfiguration(),
    _ body: (SandboxSession) async throws -> Result
) async throws -> Result {
    let sandbox = GongSandbox(data: data, configuration: configuration)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try await sandbox.run(port: 0) { port in
                continuation.yield(port)
                continuation.finish()
            }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next(), "the sandbox never listened")
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10)))
        client.connect()
        do {
            let result = try await body(SandboxSession(sandbox: sandbox, port: port, client: client))
            try? await client.shutdown()
            group.cancelAll()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// Instants in test assertions, parsed by Foundation (an independent check of the sandbox's own parser).
enum TestTime {
    /// Milliseconds since the epoch of an ISO-8601 date-time with `Z` or an offset, with or without fraction.
    static func milliseconds(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text).map { Int64($0.timeIntervalSince1970 * 1000) }
    }
}

/// The test fixtures folder.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fixture `name` as a JSON object.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
