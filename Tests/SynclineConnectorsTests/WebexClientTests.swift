import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import SynclineConnectors
import SynclineCore
import SynclineTestSupport
import Testing

/// The Webex client against a local server on 127.0.0.1 that answers as Webex does: bearer auth, `Link` pages,
/// 429 with `Retry-After`, error bodies with `trackingId`.
@Suite("The Webex client over real HTTP")
struct WebexClientTests {
    static let token = "wx-test-token-Q7"
    static let link = HTTPField.Name("Link") ?? .contentLocation
    static let trackingID = HTTPField.Name("Trackingid") ?? .contentLocation
    static let unauthorized =
        #"{"message":"The request requires a valid access token set in the Authorization request header.","errors":[{"description":"The request requires a valid access token set in the Authorization request header."}],"trackingId":"ROUTER_5E708612-B906-01BB-2E6D-6B0D98D52E6D"}"#

    /// A server on a free port; `body` gets the base URL (`http://127.0.0.1:PORT/v1`) while it listens.
    static func withServer<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let hits = Mutex([String: Int]())
        let router = Router()
        router.get("/v1/people") { request, context -> Response in
            guard request.headers[.authorization] == "Bearer \(Self.token)" else {
                return Self.json(Self.unauthorized, status: .unauthorized)
            }
            let after = Int(request.uri.queryParameters.get("after") ?? "0") ?? 0
            let max = Int(request.uri.queryParameters.get("max") ?? "100") ?? 100
            let people = (after..<Swift.min(after + max, 25)).map {
                #"{"id":"P\#($0)","emails":["p\#($0)@acme.example"]}"#
            }
            var response = Self.json(#"{"items":[\#(people.joined(separator: ","))],"notFoundIds":null}"#)
            if after + max < 25, let host = request.head.authority {
                response.headers[Self.link] =
                    "<http://\(host)/v1/people?max=\(max)&before&after=\(after + max)>; rel=\"next\""
            }
            return response
        }
        router.get("/v1/flaky") { _, _ -> Response in
            let count = hits.withLock { hits in
                hits["flaky", default: 0] += 1
                return hits["flaky"] ?? 0
            }
            guard count > 1 else {
                var response = Self.json("{}", status: .tooManyRequests)
                response.headers[.retryAfter] = "7"
                return response
            }
            return Self.json(#"{"items":[]}"#)
        }
        router.get("/v1/broken") { _, _ -> Response in
            var response = Response(status: .badGateway)
            response.headers[Self.trackingID] = "ROUTER_BROKEN-1"
            return response
        }
        router.get("/v1/offsite") { _, _ -> Response in
            var response = Self.json(#"{"items":[]}"#)
            response.headers[Self.link] = #"<https://elsewhere.example/v1/offsite?after=1>; rel="next""#
            return response
        }
        WebexTestOrganisation.routes(on: router)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let result = try await body("http://127.0.0.1:\(port)/v1")
            group.cancelAll()
            return result
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func client(_ base: String, token: String = token, clock: InstantClock = InstantClock()) -> WebexClient {
        var policy = WebexClient.Policy()
        policy.jitterFraction = { 1 }
        return WebexClient(
            baseURL: base, token: Secret(token), policy: policy, clock: clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test("a list is read page by page through the Link header's next URL, verbatim, until there is none")
    func pagination() async throws {
        let ids = try await Self.withServer { base in
            let client = Self.client(base)
            var url: String? = await client.url("/people", query: [("max", "4")])
            var ids: [String] = []
            var pages = 0
            while let next = url {
                let page = try await client.get(next)
                let object = try JSONSerialization.jsonObject(with: page.body) as? [String: Any]
                ids += (object?["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                url = page.next
                pages += 1
            }
            #expect(pages == 7)
            #expect(await client.requestsSent == 7)
            return ids
        }
        #expect(ids == (0..<25).map { "P\($0)" })
    }

    @Test("429 waits the Retry-After seconds, then the request succeeds")
    func retryAfter() async throws {
        let clock = InstantClock()
        try await Self.withServer { base in
            let client = Self.client(base, clock: clock)
            _ = try await client.get(await client.url("/flaky"))
            #expect(await client.requestsSent == 2)
        }
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test("a bad token fails with Webex's message and trackingId, and the token appears nowhere")
    func unauthorized() async throws {
        let error = try await Self.withServer { base in
            let client = Self.client(base, token: "wrong-token-Z9")
            do {
                _ = try await client.get(await client.url("/people"))
                return nil as ConnectorError?
            } catch let error as ConnectorError {
                return error
            }
        }
        let failure = try #require(error)
        #expect(failure.code == .unauthorized)
        #expect(failure.requestID == "ROUTER_5E708612-B906-01BB-2E6D-6B0D98D52E6D")
        #expect(failure.message.contains("The request requires a valid access token"))
        #expect(!"\(failure)".contains("wrong-token-Z9"))
    }

    @Test("5xx is retried with backoff, then fails with the trackingId from the header")
    func serverErrors() async throws {
        let clock = InstantClock()
        let error = try await Self.withServer { base in
            let client = Self.client(base, clock: clock)
            do {
                _ = try await client.get(await client.url("/broken"))
                return nil as ConnectorError?
            } catch let error as ConnectorError {
                #expect(await client.requestsSent == 6)
                return error
            }
        }
        #expect(error?.code == .server)
        #expect(error?.requestID == "ROUTER_BROKEN-1")
        #expect(error?.message.contains("gave up after 6 attempts") == true)
        #expect(clock.sleeps == [0.5, 1, 2, 4, 8].map { Duration.milliseconds(Int($0 * 1000)) })
    }

    @Test("a next link off the API's host is refused: the token is sent nowhere else")
    func offsite() async throws {
        try await Self.withServer { base in
            let client = Self.client(base)
            let page = try await client.get(await client.url("/offsite"))
            let next = try #require(page.next)
            await #expect(throws: ConnectorError.self) { try await client.get(next) }
            #expect(await client.requestsSent == 1)
        }
    }
}
