import Foundation
import GRDB
import SynclineConnectors
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("The Gong connector against the sandbox, over HTTP on 127.0.0.1")
struct GongSyncTests {
    @Test("pages through many pages with the window in the body, creating every call in the window once")
    func pagination() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(400), pageSize: 10)
        let run = try await harness.withSandbox { url in
            try await harness.engine(baseURL: url).sync(job: "gong-touchpoints")
        }
        #expect(run.status == .succeeded)
        // One call an hour: the last 7 days, the call exactly at the window's start included.
        #expect(run.created == 168)
        #expect(run.pages == 17)
        let log = await harness.sandbox.requestLog
        #expect(log.count == 17)
        #expect(log.allSatisfy { $0.status == 200 && $0.query == nil && $0.path == "/v2/calls/extensive" })
        #expect(log.first?.cursor == nil)
        #expect(log.dropFirst().allSatisfy { $0.cursor != nil })
        #expect(try harness.touchpointIDs().count == 168)
        #expect(try harness.store.requestCount(for: "gong:127.0.0.1", on: GongHarness.start) == 17)
    }

    @Test("users sync to team members, and call hosts then resolve through them")
    func usersThenCalls() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(3))
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            let users = try await engine.sync(job: "gong-users")
            #expect(users.created == 1)
            let calls = try await engine.sync(job: "gong-touchpoints")
            #expect(calls.created == 3)
            #expect(calls.warnings == 0)
        }
        #expect(
            try harness.store.query("SELECT DISTINCT created_by FROM touchpoints").rows == [
                ["jon.snow@northwind.example"]
            ])
    }

    // Broken if the users list ignored `records.cursor` (only the first 2 users would arrive, in one request) or
    // sent a stale or wrong cursor (the sandbox answers 400 and the run fails).
    @Test("users over several pages all become team members, the cursor of each page fetching the next")
    func usersOverPages() async throws {
        let users: [[String: Any]] = (1...5).map { index in
            [
                "id": "10000000000000000\(index)", "emailAddress": "user\(index)@northwind.example",
                "created": "2018-02-17T02:30:00-08:00", "active": index != 5, "emailAliases": [],
                "firstName": "User", "lastName": "Number \(index)", "title": "Account Executive",
            ]
        }
        let harness = try GongHarness(calls: [], users: users, pageSize: 2)
        let run = try await harness.withSandbox { url in
            try await harness.engine(baseURL: url).sync(job: "gong-users")
        }
        #expect(run.status == .succeeded)
        #expect(run.pages == 3)
        #expect(run.created == 5)
        let log = await harness.sandbox.requestLog
        #expect(log.map(\.path) == ["/v2/users", "/v2/users", "/v2/users"])
        #expect(log.map(\.status) == [200, 200, 200])
        #expect(log.first?.cursor == nil)
        let cursors = log.dropFirst().compactMap(\.cursor)
        #expect(cursors.count == 2)
        #expect(Set(cursors).count == 2)
        #expect(
            try harness.store.query(
                "SELECT team_member_id, gong_user_id, display_name, is_active FROM team_members ORDER BY team_member_id"
            ).rows
                == (1...5).map { index -> [String?] in
                    [
                        "user\(index)@northwind.example", "10000000000000000\(index)", "User Number \(index)",
                        index != 5 ? "1" : "0",
                    ]
                })
    }

    @Test("429 with Retry-After, 5xx bursts and slow responses are survived with nothing lost or duplicated")
    func survivableFaults() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(60), pageSize: 10) { $0.timeout = .seconds(1) }
        try await harness.withSandbox { url in
            await harness.sandbox.setFault(.rateLimit(everyNth: 3, retryAfterSeconds: 7))
            await harness.sandbox.setFault(.serverErrors(count: 2, status: 503))
            await harness.sandbox.setFault(.slowResponses(delay: .seconds(2), count: 1))
            let run = try await harness.engine(baseURL: url).sync(job: "gong-touchpoints")
            #expect(run.status == .succeeded)
            #expect(run.created == 60)
        }
        #expect(try harness.touchpointIDs().count == 60)
        #expect(harness.waits.sleeps.contains(.seconds(7)))  // Retry-After honoured
        let statuses = await harness.sandbox.requestLog.map(\.status)
        #expect(statuses.contains(429))
        #expect(statuses.contains(503))
    }

    @Test("a truncated page fails the run clearly, stores nothing of it, and a rerun completes the window once")
    func truncatedPage() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(30), pageSize: 10)
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            await harness.sandbox.setFault(.truncatedBodies(count: 1))
            await #expect(throws: ConnectorError.self) { try await engine.sync(job: "gong-touchpoints") }
            let failed = try #require(try harness.store.runs(of: "gong-touchpoints").first)
            #expect(failed.status == .failed)
            #expect(failed.error?.hasPrefix("malformed-page: calls ") == true)
            #expect(failed.error?.contains("the response is not valid JSON") == true)
            #expect(try harness.store.jobState(of: "gong-touchpoints").watermark == nil)
            harness.clock.advance(by: 60)
            let rerun = try await engine.sync(job: "gong-touchpoints")
            #expect(rerun.created == 30)
        }
        #expect(try harness.touchpointIDs().count == 30)
    }

    @Test("a call Gong processes late is picked up once by the next run, inside the lookback")
    func lateCalls() async throws {
        let calls = GongHarness.calls(10)
        let lateID = try #require((calls[0]["metaData"] as? [String: Any])?["id"] as? String)
        let harness = try GongHarness(calls: calls)
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            await harness.sandbox.setFault(.lateCalls(.ids([lateID])))
            let first = try await engine.sync(job: "gong-touchpoints")
            #expect(first.created == 9)
            await harness.sandbox.releaseLateCalls()
            harness.clock.advance(by: 1800)
            let second = try await engine.sync(job: "gong-touchpoints")
            #expect(second.created == 1)
            harness.clock.advance(by: 1800)
            let third = try await engine.sync(job: "gong-touchpoints")
            #expect(third.created == 0)
        }
        #expect(try harness.touchpointIDs().contains(lateID))
        #expect(try harness.touchpointIDs().count == 10)
    }

    @Test("server errors beyond the retry budget fail the run with the status and Gong's requestId")
    func retryBudget() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(5)) { $0.retryBudget = 4 }
        try await harness.withSandbox { url in
            await harness.sandbox.setFault(.serverErrors(count: 100, status: 500))
            do {
                _ = try await harness.engine(baseURL: url).sync(job: "gong-touchpoints")
                Issue.record("the run should have failed")
            } catch let error as ConnectorError {
                #expect(error.code == .server)
                #expect("\(error)".contains("(500: "))
                #expect("\(error)".contains("gave up after 5 attempts"))
                #expect(error.requestID != nil)
            } catch {
                Issue.record("unexpected error: \(error)")
            }
            #expect(await harness.sandbox.requestCount == 5)
        }
    }

    @Test("wrong credentials fail fast, once, and the secret appears in no log line, database row or error")
    func credentialsAndSecrets() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(5))
        let messages: [String] = try await harness.withSandbox { url in
            var messages: [String] = []
            do {
                _ = try await harness.engine(baseURL: url, secret: "wrong-\(GongHarness.secret)").sync(
                    job: "gong-touchpoints")
            } catch {
                messages.append("\(error)")
            }
            #expect(await harness.sandbox.requestCount == 1)
            _ = try await harness.engine(baseURL: url).sync(job: "gong-touchpoints")
            return messages
        }
        #expect(messages.first?.hasPrefix("unauthorized: Gong refused the credentials (401") == true)
        let basic = Data("key-id:\(GongHarness.secret)".utf8).base64EncodedString()
        for text in [harness.logs.text, try harness.databaseText(), messages.joined()] {
            #expect(!text.contains(GongHarness.secret))
            #expect(!text.contains(basic))
        }
        #expect(try harness.touchpointIDs().count == 5)
    }

    @Test("when the day's request budget runs out the run stops as 'quota' and the next day continues")
    func quota() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(7 * 24), pageSize: 100, sliceLength: 86_400)
        let queue = try DatabaseQueue(path: harness.directory.path("staging.db"))
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO api_request_counts (api, day, requests) VALUES ('gong:127.0.0.1', '2026-03-10', 8997)"
            )
        }
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            let first = try await engine.sync(job: "gong-touchpoints")
            #expect(first.status == .quota)
            #expect(first.error?.contains("request budget is spent") == true)
            #expect(first.created == 3 * 24)  // three one-day slices fit in the 3 requests left
            let watermark = try harness.store.jobState(of: "gong-touchpoints").watermark
            #expect(watermark == GongHarness.start.addingTimeInterval(-4 * 86_400))
            harness.clock.advance(by: 86_400)
            let next = try await engine.sync(job: "gong-touchpoints")
            #expect(next.status == .succeeded)
        }
        #expect(try harness.touchpointIDs().count == 7 * 24)
    }
}
