import Foundation
import SynclineSandbox
import Testing

@Suite("Filters select calls as Gong does")
struct FilterTests {
    /// Calls around a window [2026-03-02T00:00Z, 2026-03-09T00:00Z), written with assorted offsets.
    static let calls: [(id: String, started: String, inside: Bool)] = [
        ("1000000000000000001", "2026-03-01T23:59:59Z", false),
        ("1000000000000000002", "2026-03-01T18:59:59.999-05:00", false),
        ("1000000000000000003", "2026-03-02T00:00:00Z", true),
        ("1000000000000000004", "2026-03-01T19:00:00-05:00", true),
        ("1000000000000000005", "2026-03-02T05:30:00.000+05:30", true),
        ("1000000000000000006", "2026-03-05T12:00:18-07:00", true),
        ("1000000000000000007", "2026-03-08T23:59:59.999Z", true),
        ("1000000000000000008", "2026-03-09T00:00:00Z", false),
        ("1000000000000000009", "2026-03-09T01:00:00+01:00", false),
        ("1000000000000000010", "2026-03-10T00:00:00Z", false),
    ]

    static func data() throws -> GongSandboxData {
        try TestCalls.data(calls.map { TestCalls.call(id: $0.id, started: $0.started) })
    }

    static let inside = Set(calls.filter(\.inside).map(\.id))

    @Test("fromDateTime is inclusive and toDateTime exclusive, compared as instants whatever the offsets")
    func window() async throws {
        try await withSandbox(try Self.data()) { session in
            let reply = try await session.extensive([
                "filter": ["fromDateTime": "2026-03-01T16:00:00-08:00", "toDateTime": "2026-03-09T00:00:00.000Z"]
            ])
            #expect(reply.status == 200)
            #expect(Set(try reply.callIds()) == Self.inside)
            #expect(try reply.records()["totalRecords"] as? Int == Self.inside.count)
        }
    }

    @Test("GET /v2/calls applies the same window")
    func basicWindow() async throws {
        try await withSandbox(try Self.data()) { session in
            let query =
                "fromDateTime=" + TestQuery.encode("2026-03-02T05:30:00+05:30") + "&toDateTime="
                + TestQuery.encode("2026-03-08T16:00:00-08:00")
            let reply = try await session.get("/v2/calls?" + query)
            #expect(reply.status == 200)
            #expect(Set(try reply.callIds()) == Self.inside)
        }
    }

    @Test("fractions of a second count")
    func fractions() async throws {
        try await withSandbox(try Self.data()) { session in
            let reply = try await session.extensive(["filter": ["fromDateTime": "2026-03-08T23:59:59.998Z"]])
            #expect(
                try reply.callIds() == [
                    "1000000000000000007", "1000000000000000008", "1000000000000000009",
                    "1000000000000000010",
                ])
        }
    }

    @Test("calls with the same start are ordered by id, numerically")
    func ties() async throws {
        let data = try TestCalls.data([
            TestCalls.call(id: "100", started: "2026-03-02T00:00:00Z"),
            TestCalls.call(id: "30", started: "2026-03-01T19:00:00-05:00"),
            TestCalls.call(id: "20", started: "2026-03-02T01:00:00+01:00"),
            TestCalls.call(id: "999", started: "2026-03-01T23:59:59.999Z"),
        ])
        try await withSandbox(data) { session in
            let reply = try await session.extensive(["filter": [:]])
            #expect(try reply.callIds() == ["999", "20", "30", "100"])
        }
    }

    @Test("callIds alone return those calls; with dates, those inside the window")
    func callIds() async throws {
        try await withSandbox(try Self.data()) { session in
            let ids = ["1000000000000000001", "1000000000000000006", "9999999999999999999"]
            let alone = try await session.extensive(["filter": ["callIds": ids]])
            #expect(Set(try alone.callIds()) == ["1000000000000000001", "1000000000000000006"])
            let windowed = try await session.extensive([
                "filter": ["callIds": ids, "fromDateTime": "2026-03-02T00:00:00Z"]
            ])
            #expect(try windowed.callIds() == ["1000000000000000006"])
        }
    }

    @Test("primaryUserIds and workspaceId narrow the calls")
    func usersAndWorkspace() async throws {
        let data = try TestCalls.data([
            TestCalls.call(id: "11", started: "2026-03-02T10:00:00Z", primaryUserId: "501", workspaceId: "77"),
            TestCalls.call(id: "12", started: "2026-03-02T11:00:00Z", primaryUserId: "502", workspaceId: "77"),
            TestCalls.call(id: "13", started: "2026-03-02T12:00:00Z", primaryUserId: "501", workspaceId: "78"),
        ])
        try await withSandbox(data) { session in
            let byUser = try await session.extensive(["filter": ["primaryUserIds": ["501"]]])
            #expect(try byUser.callIds() == ["11", "13"])
            let byWorkspace = try await session.extensive(["filter": ["workspaceId": "77"]])
            #expect(try byWorkspace.callIds() == ["11", "12"])
            let both = try await session.extensive(["filter": ["workspaceId": "78", "primaryUserIds": ["502"]]])
            #expect(both.status == 404)
            let basic = try await session.get("/v2/calls?workspaceId=78")
            #expect(try basic.callIds() == ["13"])
        }
    }

    @Test("a date that is not ISO-8601, or a body without filter, is a 400 with the error body")
    func badRequests() async throws {
        try await withSandbox(try Self.data()) { session in
            let badDate = try await session.extensive(["filter": ["fromDateTime": "yesterday"]])
            #expect(badDate.status == 400)
            #expect(try badDate.errors().first?.contains("fromDateTime") == true)
            let noFilter = try await session.extensive(["cursor": NSNull()])
            #expect(noFilter.status == 400)
            let notJSON = try await session.post("/v2/calls/extensive", body: Data("{".utf8))
            #expect(notJSON.status == 400)
            #expect(try notJSON.json()["requestId"] is String)
            let badQuery = try await session.get("/v2/calls?toDateTime=2026-13-01T00:00:00Z")
            #expect(badQuery.status == 400)
        }
    }

    @Test("null members of the filter do not filter (as tap-gong sends toDateTime)")
    func nulls() async throws {
        try await withSandbox(try Self.data()) { session in
            let reply = try await session.extensive([
                "filter": ["fromDateTime": "2026-03-09T00:00:00Z", "toDateTime": NSNull(), "callIds": NSNull()]
            ])
            #expect(try reply.callIds().count == 3)
        }
    }
}
