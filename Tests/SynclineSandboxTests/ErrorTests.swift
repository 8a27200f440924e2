import Foundation
import SynclineSandbox
import Testing

@Suite("Errors, credentials and request ids are Gong's")
struct ErrorTests {
    @Test("an empty result is the 404 of the fixture, on both calls endpoints")
    func noCalls() async throws {
        let fixture = try Fixtures.json("gong-post-v2-calls-extensive.404-no-calls.response.json")
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(3))) { session in
            let extensive = try await session.extensive(["filter": ["fromDateTime": "2027-01-01T00:00:00Z"]])
            let basic = try await session.get("/v2/calls?fromDateTime=" + TestQuery.encode("2027-01-01T00:00:00Z"))
            for reply in [extensive, basic] {
                #expect(reply.status == 404)
                #expect(reply.contentType == "application/json")
                let json = try reply.json()
                #expect(Set(json.keys) == Set(fixture.keys))
                #expect(json["errors"] as? [String] == fixture["errors"] as? [String])
                #expect((json["requestId"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("wrong or missing credentials: 401 on calls endpoints, 403 on users, error body without the secret")
    func wrongCredentials() async throws {
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(3))) { session in
            for auth in [TestAuth.none, .basic("sandbox", "wrong-secret"), .basic("other", "sandbox"), .bearer("x")] {
                let extensive = try await session.extensive(["filter": [:]], auth: auth)
                let basic = try await session.get("/v2/calls", auth: auth)
                let one = try await session.get("/v2/calls/1000000000000000001", auth: auth)
                let users = try await session.get("/v2/users", auth: auth)
                let statuses = [extensive.status, basic.status, one.status, users.status]
                #expect(statuses == [401, 401, 401, 403])
                for reply in [extensive, basic, one, users] {
                    #expect(try !reply.errors().isEmpty)
                    #expect(try reply.json()["requestId"] is String)
                    #expect(!reply.text.contains("wrong-secret"))
                }
            }
            let log = await session.sandbox.requestLog
            #expect(!String(describing: log).contains("wrong-secret"), "the log never holds credentials")
            #expect(!String(describing: log).contains("c2FuZGJveDp3cm9uZy1zZWNyZXQ"))
        }
    }

    @Test("a configured bearer token works on every endpoint, a wrong one does not")
    func bearer() async throws {
        let configuration = GongSandboxConfiguration(
            accessKey: "key-1", accessKeySecret: "secret-1", bearerToken: "token-abc")
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(3)), configuration: configuration) { session in
            let statuses = [
                try await session.extensive(["filter": [:]], auth: .bearer("token-abc")).status,
                try await session.get("/v2/calls", auth: .bearer("token-abc")).status,
                try await session.get("/v2/users", auth: .bearer("token-abc")).status,
                try await session.get("/v2/calls", auth: .bearer("token-abd")).status,
                try await session.get("/v2/calls", auth: .basic("key-1", "secret-1")).status,
                try await session.get("/v2/calls", auth: .sandbox).status,
            ]
            #expect(statuses == [200, 200, 200, 401, 200, 401])
        }
        #expect(!configuration.description.contains("secret-1") && !configuration.description.contains("token-abc"))
    }

    @Test("every response carries a requestId and is JSON, whatever its status")
    func requestIds() async throws {
        let data = try TestCalls.data(TestCalls.minuteApart(3))
        try await withSandbox(data, configuration: .init(pageSize: 2)) { session in
            var replies = [
                try await session.extensive(["filter": [:]]),
                try await session.get("/v2/calls"),
                try await session.get("/v2/calls/1000000000000000002"),
                try await session.get("/v2/users"),
                try await session.extensive(["filter": ["fromDateTime": "soon"]]),
                try await session.get("/v2/users", auth: .none),
                try await session.get("/v2/calls/42"),
                try await session.get("/v2/calls/extensive"),
                try await session.get("/v3/anything"),
            ]
            await session.sandbox.setFault(.serverErrors(count: 1))
            replies.append(try await session.get("/v2/calls"))
            await session.sandbox.setFault(.rateLimit(everyNth: 1, retryAfterSeconds: 1))
            replies.append(try await session.get("/v2/calls"))
            #expect(replies.map(\.status) == [200, 200, 200, 200, 400, 403, 404, 405, 404, 500, 429])
            let errorShape = Set(try Fixtures.json("gong-error.response.json").keys)
            var ids: Set<String> = []
            for reply in replies {
                #expect(reply.contentType == "application/json")
                if reply.status != 200 { #expect(Set(try reply.json().keys) == errorShape) }
                let id = try #require(try reply.json()["requestId"] as? String, "\(reply.status): \(reply.text)")
                #expect(!id.isEmpty)
                ids.insert(id)
            }
            #expect(ids.count == replies.count, "a new id for each request")
            let logged = await session.sandbox.requestLog.map(\.requestId)
            #expect(Set(logged) == ids)
        }
    }

    @Test("GET /v2/calls/{id} returns the call's metadata, 404 for an unknown id")
    func oneCall() async throws {
        try await withSandbox(try TestCalls.data(TestCalls.minuteApart(3))) { session in
            let reply = try await session.get("/v2/calls/1000000000000000002")
            let call = try #require(try reply.json()["call"] as? [String: Any])
            #expect(call["id"] as? String == "1000000000000000002")
            #expect(call["metaData"] == nil)
            let unknown = try await session.get("/v2/calls/1000000000000000009")
            #expect(unknown.status == 404)
            #expect(try unknown.errors() != ["No calls found corresponding to the provided filters"])
        }
    }
}
