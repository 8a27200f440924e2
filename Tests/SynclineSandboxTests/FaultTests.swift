import Foundation
import SynclineSandbox
import Testing

@Suite("Faults switched on between requests")
struct FaultTests {
    static func data() throws -> GongSandboxData { try TestCalls.data(TestCalls.minuteApart(30)) }

    @Test("every Nth request answers 429 with an integer Retry-After and an error body")
    func rateLimitFault() async throws {
        try await withSandbox(try Self.data()) { session in
            await session.sandbox.setFault(.rateLimit(everyNth: 3, retryAfterSeconds: 2))
            var statuses: [Int] = []
            for _ in 0..<6 {
                let reply = try await session.extensive(["filter": [:]])
                statuses.append(reply.status)
                if reply.status == 429 {
                    #expect(reply.retryAfter == "2")
                    #expect(try !reply.errors().isEmpty)
                } else {
                    #expect(reply.retryAfter == nil)
                }
            }
            #expect(statuses == [200, 200, 429, 200, 200, 429])
            await session.sandbox.clearFaults()
            let cleared = try await session.extensive(["filter": [:]])
            #expect(cleared.status == 200)
        }
    }

    @Test("the per-second budget answers 429 beyond its requests, with an integer Retry-After")
    func perSecondBudget() async throws {
        try await withSandbox(try Self.data(), configuration: .init(requestsPerSecond: 1)) { session in
            // Sent at once, so they land within one second however loaded the machine is.
            let replies = try await withThrowingTaskGroup(of: TestReply.self) { group in
                for _ in 0..<8 { group.addTask { try await session.get("/v2/calls") } }
                return try await group.reduce(into: [TestReply]()) { $0.append($1) }
            }
            #expect(replies.filter { $0.status == 200 }.count >= 1)
            let limited = replies.filter { $0.status == 429 }
            #expect(!limited.isEmpty)
            for reply in limited {
                let seconds = try #require(reply.retryAfter.flatMap { Int($0) }, "Retry-After is whole seconds")
                #expect(seconds >= 1)
            }
            await session.sandbox.setRequestsPerSecond(nil)
            let unlimited = try await session.get("/v2/calls")
            #expect(unlimited.status == 200, "the budget can be switched off")
        }
    }

    @Test("the per-day budget answers 429 once spent")
    func perDayBudget() async throws {
        try await withSandbox(try Self.data()) { session in
            await session.sandbox.setRequestsPerDay(2)
            var statuses: [Int] = []
            for target in ["/v2/users", "/v2/calls", "/v2/users"] {
                statuses.append(try await session.get(target).status)
            }
            #expect(statuses == [200, 200, 429])
            let reply = try await session.get("/v2/calls")
            #expect(reply.status == 429)
            #expect((reply.retryAfter.flatMap { Int($0) } ?? 0) > 3600)
        }
    }

    @Test("a burst of 503s with the error body, then recovery")
    func serverErrors() async throws {
        try await withSandbox(try Self.data()) { session in
            await session.sandbox.setFault(.serverErrors(count: 2, status: 503))
            let first = try await session.extensive(["filter": [:]])
            let second = try await session.get("/v2/users")
            let third = try await session.extensive(["filter": [:]])
            let statuses = [first.status, second.status, third.status]
            #expect(statuses == [503, 503, 200])
            #expect(try first.json()["requestId"] is String)
            #expect(try !first.errors().isEmpty)
            #expect(await session.sandbox.activeFaults.isEmpty)
        }
    }

    @Test("a truncated body is a 200 whose JSON does not parse; the next one is whole")
    func truncatedBody() async throws {
        try await withSandbox(try Self.data()) { session in
            let whole = try await session.extensive(["filter": [:]])
            await session.sandbox.setFault(.truncatedBodies(count: 1))
            let cut = try await session.extensive(["filter": [:]])
            #expect(cut.status == 200)
            #expect(cut.body.count == whole.body.count / 2)
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: cut.body) }
            let after = try await session.extensive(["filter": [:]])
            #expect(after.status == 200)
            #expect(try after.callIds() == whole.callIds())
        }
    }

    @Test("a slow response arrives after its delay")
    func slowResponse() async throws {
        try await withSandbox(try Self.data()) { session in
            await session.sandbox.setFault(.slowResponses(delay: .milliseconds(400), count: 1))
            let slow = try await session.get("/v2/users")
            #expect(slow.status == 200)
            #expect(slow.elapsed >= .milliseconds(400))
            #expect(await session.sandbox.activeFaults.isEmpty)
        }
    }

    @Test("late calls are invisible until released")
    func lateCalls() async throws {
        let late = ["1000000000000000005", "1000000000000000020"]
        try await withSandbox(try Self.data()) { session in
            await session.sandbox.setFault(.lateCalls(.ids(late)))
            let before = try await session.extensive(["filter": [:]])
            #expect(try before.records()["totalRecords"] as? Int == 28)
            #expect(Set(try before.callIds()).isDisjoint(with: late))
            let one = try await session.get("/v2/calls/1000000000000000005")
            #expect(one.status == 404)
            let byId = try await session.extensive(["filter": ["callIds": late]])
            #expect(byId.status == 404)
            await session.sandbox.releaseLateCalls()
            let after = try await session.extensive(["filter": [:]])
            #expect(try after.records()["totalRecords"] as? Int == 30)
            #expect(Set(try after.callIds()).isSuperset(of: late))
        }
    }

    @Test("a fraction of late calls hides about that share, the same calls each time")
    func lateFraction() async throws {
        let data = GongSandboxData.generated(calls: 400, seed: 5, end: TestCalls.end)
        try await withSandbox(data) { session in
            await session.sandbox.setFault(.lateCalls(.fraction(0.25)))
            let hidden = await session.sandbox.hiddenCallCount
            #expect((60...140).contains(hidden))
            let first = try await session.allExtensivePages().flatMap { try $0.callIds() }
            #expect(first.count == 400 - hidden)
            await session.sandbox.setFault(.lateCalls(.fraction(0.25)))
            let again = try await session.allExtensivePages().flatMap { try $0.callIds() }
            #expect(first == again)
            await session.sandbox.releaseLateCalls()
            let released = try await session.allExtensivePages().flatMap { try $0.callIds() }
            #expect(released.count == 400)
        }
    }

    @Test("faults in the configuration are active from the first request")
    func configuredFaults() async throws {
        let configuration = GongSandboxConfiguration(faults: [.serverErrors(count: 1), .truncatedBodies(count: 1)])
        try await withSandbox(try Self.data(), configuration: configuration) { session in
            let failed = try await session.get("/v2/users")
            #expect(failed.status == 500)
            let cut = try await session.get("/v2/users")
            #expect(cut.status == 200)
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: cut.body) }
            let whole = try await session.get("/v2/users")
            #expect(try whole.json()["users"] != nil)
        }
    }

    @Test("requests are counted per endpoint and logged with method, path, status and filter")
    func requestLog() async throws {
        try await withSandbox(try Self.data(), configuration: .init(pageSize: 20)) { session in
            let filter = ["fromDateTime": "2026-03-02T00:10:00Z", "toDateTime": "2026-03-02T00:20:00Z"]
            _ = try await session.extensive(["filter": filter])
            _ = try await session.allExtensivePages(filter: [:])
            _ = try await session.get("/v2/users")
            _ = try await session.get("/v2/calls?workspaceId=4810007331955602218")
            _ = try await session.get("/v2/users", auth: .none)
            let sandbox = session.sandbox
            #expect(await sandbox.requestCount == 6)
            #expect(await sandbox.requestCount(for: .callsExtensive) == 3)
            #expect(await sandbox.requestCount(for: .users) == 2)
            #expect(await sandbox.requestCount(for: .calls) == 1)
            let log = await sandbox.requestLog
            #expect(log.map(\.status) == [200, 200, 200, 200, 200, 403])
            #expect(log.map(\.method) == ["POST", "POST", "POST", "GET", "GET", "GET"])
            #expect(log[0].path == "/v2/calls/extensive")
            #expect(
                log[0].filter == GongCallFilter(fromDateTime: filter["fromDateTime"], toDateTime: filter["toDateTime"]))
            #expect(log[1].cursor == nil && log[2].cursor != nil)
            #expect(log[4].filter?.workspaceId == "4810007331955602218")
            #expect(log.map(\.number) == Array(1...6))
            await sandbox.resetRequestLog()
            #expect(await sandbox.requestLog.isEmpty)
            #expect(await sandbox.requestCount(for: .users) == 0)
        }
    }
}
