import Foundation
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Gong connections written in a job or the project file: bearer tokens and daily request budgets")
struct GongConnectionTests {
    /// The token the sandbox accepts as `Authorization: Bearer …`; tests prove it never leaks.
    static let token = "oauth-T0ken-Value-9f3a"

    /// The mapping every touchpoints job here adds to the shipped template.
    static let mapping = """
        mapping:
          touchpoint_id: metaData.id
          account_id: {resolve: account, from: "parties[].emailAddress"}
        """

    /// Where a bearer-token connection is written.
    enum Written: String, CaseIterable, CustomTestStringConvertible {
        case job, project
        var testDescription: String { "in the \(rawValue)" }
    }

    // Broken if the connector ignored `bearer_token` (no credentials: the run fails before any request) or sent it
    // in another form (the sandbox would log another scheme, or answer 401); broken too if the token reached a log
    // line, a row or an error.
    @Test(
        "a connection with bearer_token sends Authorization: Bearer, and the token is never logged or stored",
        arguments: Written.allCases)
    func bearerToken(written: Written) async throws {
        let harness = try GongHarness(calls: GongHarness.calls(5), bearerToken: Self.token)
        let connection = """
            connector: gong
            base_url: ${GONG_BASE_URL}
            secrets:
              bearer_token: {env: GONG_BEARER_TOKEN}
            """
        switch written {
        case .job:
            try harness.applyJob(
                """
                version: 1
                job: gong-oauth-calls
                extends: gong-touchpoints
                connection:
                  name: gong-oauth
                \(connection.indented(2))
                \(Self.mapping)
                """,
                as: "gong-oauth-calls")
        case .project:
            let project = try harness.project(
                """
                version: 1
                connections:
                  gong-oauth:
                \(connection.indented(4))
                defaults:
                  touchpoint:
                    flow: default
                """)
            try harness.applyJob(
                """
                version: 1
                job: gong-oauth-calls
                extends: gong-touchpoints
                connection: gong-oauth
                \(Self.mapping)
                """,
                as: "gong-oauth-calls", project: project)
        }
        let messages: [String] = try await harness.withSandbox { url in
            var messages: [String] = []
            do {
                _ = try await harness.engine(baseURL: url, environment: ["GONG_BEARER_TOKEN": "wrong-\(Self.token)"])
                    .sync(job: "gong-oauth-calls")
                Issue.record("a wrong token should fail the run")
            } catch {
                messages.append("\(error)")
            }
            let run = try await harness.engine(baseURL: url, environment: ["GONG_BEARER_TOKEN": Self.token])
                .sync(job: "gong-oauth-calls")
            #expect(run.status == .succeeded)
            #expect(run.created == 5)
            if let failed = try harness.store.runs(of: "gong-oauth-calls").last?.error { messages.append(failed) }
            return messages
        }
        let log = await harness.sandbox.requestLog
        #expect(log.map(\.authorizationScheme) == ["Bearer", "Bearer"])
        #expect(log.map(\.status) == [401, 200])  // the sandbox checks the token: a wrong one is refused
        #expect(messages.first?.hasPrefix("unauthorized: Gong refused the credentials (401") == true)
        #expect(messages.first?.contains("check the bearer token (secret 'bearer_token')") == true)
        #expect(messages.count == 2)
        for text in [harness.logs.text, try harness.databaseText(), messages.joined()] {
            #expect(!text.contains(Self.token))
        }
        #expect(try harness.touchpointIDs() == GongHarness.callIDs(0..<5))
    }

    // Broken if the job's own `daily_request_budget` were ignored (the connector's default of 9000 would read all
    // 168 calls at once), if a run stopping on the budget dropped what it had read (fewer calls, and a request
    // count too low, so the second run would send a request), or if the budget were not per UTC day (the next day
    // would make no progress).
    @Test("a job's own daily_request_budget of 3 stops each day's run after 3 requests, keeping what it read")
    func dailyRequestBudget() async throws {
        // One call an hour over 7 days, in one-day slices of 24 calls: pages of 20 and 4.
        let harness = try GongHarness(calls: GongHarness.calls(7 * 24), pageSize: 20, sliceLength: 86_400)
        try harness.applyJob(
            """
            version: 1
            job: gong-budgeted
            extends: gong-touchpoints
            connection:
              name: gong-budgeted
              connector: gong
              base_url: ${GONG_BASE_URL}
              secrets:
                access_key: {env: GONG_ACCESS_KEY}
                access_key_secret: {env: GONG_ACCESS_KEY_SECRET}
              daily_request_budget: 3
            \(Self.mapping)
            sync:
              lookback: 1h
            """,
            as: "gong-budgeted")
        let counter = "gong:127.0.0.1"
        let day = 86_400.0
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            let first = try await engine.sync(job: "gong-budgeted")
            #expect(first.status == .quota)
            #expect(first.error?.contains("request budget is spent") == true)
            #expect(await harness.sandbox.requestCount == 3)
            #expect(try harness.store.requestCount(for: counter, on: harness.clock.now) == 3)
            // Slice one (20 + 4 calls) and the first page of slice two (20): committed, the watermark at slice one.
            #expect(first.pages == 3)
            #expect(first.created == 44)
            #expect(try harness.touchpointIDs() == GongHarness.callIDs(124..<168))
            let sliceOneEnd = GongHarness.start.addingTimeInterval(-6 * day)
            #expect(try harness.store.jobState(of: "gong-budgeted").watermark == sliceOneEnd)

            harness.clock.advance(by: 3600)  // 13:00 UTC, the same day
            let second = try await engine.sync(job: "gong-budgeted")
            #expect(second.status == .quota)
            #expect(second.pages == 0)
            #expect(await harness.sandbox.requestCount == 3)  // no request at all
            #expect(try harness.store.jobState(of: "gong-budgeted").watermark == sliceOneEnd)

            harness.clock.set(GongHarness.start.addingTimeInterval(day))  // the next UTC day
            let third = try await engine.sync(job: "gong-budgeted")
            #expect(third.status == .quota)
            #expect(await harness.sandbox.requestCount == 6)
            // From the watermark less the hour of lookback: slice one's end again (3 new), then 20 more.
            #expect(third.created == 23)
            #expect(try harness.touchpointIDs() == GongHarness.callIDs(101..<168))
            let watermark = try #require(try harness.store.jobState(of: "gong-budgeted").watermark)
            #expect(watermark == sliceOneEnd.addingTimeInterval(day - 3600))

            // Day after day, three requests each, until a run gets to the end of its window.
            var created = first.created + third.created
            var status = third.status
            var days = 1
            while status == .quota, days < 20 {
                days += 1
                harness.clock.set(GongHarness.start.addingTimeInterval(Double(days) * day))
                let sent = await harness.sandbox.requestCount
                let run = try await engine.sync(job: "gong-budgeted")
                #expect(await harness.sandbox.requestCount - sent <= 3)
                created += run.created
                status = run.status
            }
            #expect(status == .succeeded)
            #expect(created == 7 * 24)
        }
        #expect(try harness.touchpointIDs() == GongHarness.callIDs(0..<168))
    }
}

extension String {
    /// Every line indented by `spaces`, for writing one YAML block inside another.
    fileprivate func indented(_ spaces: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(repeating: " ", count: spaces) + $0 }.joined(separator: "\n")
    }
}
