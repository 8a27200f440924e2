import Foundation
import SynclineConnectors
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport
import Testing

/// Gong's documented example payloads (`Tests/SynclineConnectorsTests/Fixtures`, copied from shared/reference with
/// their SOURCES.md) served by the sandbox and read by the real connector, mapped as the template says.
@Suite("Gong's documented payloads parse and map")
struct GongFixtureTests {
    static let fixtures = RepositoryPaths.root().appendingPathComponent("Tests/SynclineConnectorsTests/Fixtures")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    private func documentedHarness() throws -> GongHarness {
        let calls = try #require(
            try JSONSerialization.jsonObject(with: Self.fixture("gong-post-v2-calls-extensive.response.json"))
                as? [String: Any]
        )
        let users = try #require(
            try JSONSerialization.jsonObject(with: Self.fixture("gong-get-v2-users.response.json")) as? [String: Any]
        )
        let harness = try GongHarness(
            calls: try #require(calls["calls"] as? [[String: Any]]),
            users: try #require(users["users"] as? [[String: Any]])
        )
        try harness.seedAccounts([("T1", "Test Inc", "test.com")])
        return harness
    }

    /// The documented call is from 2018: reprocess from then.
    private static let since = Date(timeIntervalSince1970: 1_514_764_800)  // 2018-01-01

    @Test("the documented call maps to a touchpoint with every locked attribute and the body")
    func documentedCall() async throws {
        let harness = try documentedHarness()
        let run = try await harness.withSandbox { url in
            try await harness.engine(baseURL: url).sync(job: "gong-touchpoints", since: Self.since)
        }
        #expect(run.created == 1)
        #expect(run.warnings == 1)  // its host is not a known team member yet
        let row = try harness.store.query(
            "SELECT touchpoint_id, account_id, subject, created_by, touchpoint_date, touchpoint_type, account_resolution FROM touchpoints"
        ).rows
        #expect(
            row == [
                ["7782342274025937895", "T1", "Example call", nil, "2018-02-17T10:30:00Z", "Web Meeting", "domain"]
            ])
        #expect(
            try harness.store.query("SELECT participants FROM touchpoints").rows == [
                [#"[{"email":"test@test.com","name":"Test User","affiliation":"Internal"}]"#]
            ]
        )
        let body = try harness.store.query("SELECT body FROM touchpoints").rows.first?.first ?? nil
        #expect(
            body == """
                Start time: 2018-02-17T10:30:00Z
                Duration: 8 min
                Purpose: Demo Call
                Recording URL: https://app.gong.io/call?id=7782342274025937895
                Brief: string
                Key points:
                - string
                Agenda:
                - string
                Topics:
                - Objections
                Action items:
                - And I'll send you an invite with a link that you can use at that time as well.

                """
        )
        // 2018-01-01 to 2026-03-10 walked in 30-day slices, oldest first: 100 requests, all but one answered 404.
        let statuses = await harness.sandbox.requestLog.map(\.status)
        #expect(statuses.count == 100)
        #expect(statuses.filter { $0 == 200 }.count == 1)
    }

    @Test("the documented user becomes a team member; then its own call has no outside participant and is rejected")
    func documentedUser() async throws {
        let harness = try documentedHarness()
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            #expect(try await engine.sync(job: "gong-users").created == 1)
            let run = try await engine.sync(job: "gong-touchpoints", since: Self.since)
            #expect(run.rejected == 1)
        }
        let member = try harness.store.query(
            "SELECT team_member_id, gong_user_id, first_name, last_name, is_active FROM team_members"
        ).rows
        #expect(member == [["test@test.com", "234599484848423", "Jon", "Snow", "1"]])
        #expect(
            try harness.store.query("SELECT source_id, reason FROM rejected_records").rows == [
                ["7782342274025937895", "no participant matches a known contact or account domain (1 team member)"]
            ]
        )
    }

    @Test("an empty window is Gong's documented 404 'no calls' body, read as no calls rather than an error")
    func emptyWindow() async throws {
        let harness = try GongHarness(calls: [])
        let run = try await harness.withSandbox { url in
            try await harness.engine(baseURL: url).sync(job: "gong-touchpoints")
        }
        #expect(run.status == .succeeded)
        #expect(run.fetched == 0)
        let documented = try #require(
            try JSONSerialization.jsonObject(
                with: Self.fixture("gong-post-v2-calls-extensive.404-no-calls.response.json")) as? [String: Any]
        )
        #expect(documented["errors"] as? [String] == ["No calls found corresponding to the provided filters"])
        #expect(await harness.sandbox.requestLog.map(\.status) == [404])
    }

    @Test("a long --since is walked oldest first in slices of at most 30 days, each slice's end a safe watermark")
    func slices() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(100, hoursApart: 24))
        let since = GongHarness.start.addingTimeInterval(-100 * 86_400)
        let run = try await harness.withSandbox { url in
            try await harness.engine(baseURL: url).sync(job: "gong-touchpoints", since: since)
        }
        #expect(run.created == 100)
        let filters = await harness.sandbox.requestLog.compactMap { $0.filter }
        let day = 86_400.0
        let expected = [(100.0, 70.0), (70.0, 40.0), (40.0, 10.0), (10.0, 0.0)].map { from, to in
            [
                Instant.utcText(
                    milliseconds: Int64(since.addingTimeInterval((100 - from) * day).timeIntervalSince1970 * 1000)),
                Instant.utcText(
                    milliseconds: Int64(since.addingTimeInterval((100 - to) * day).timeIntervalSince1970 * 1000)),
            ]
        }
        #expect(filters.map { [$0.fromDateTime ?? "", $0.toDateTime ?? ""] } == expected)
        let watermark = try harness.store.jobState(of: "gong-touchpoints").watermark
        #expect(watermark == GongHarness.start)
    }
}
