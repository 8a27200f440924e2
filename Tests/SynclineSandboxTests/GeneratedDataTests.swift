import Foundation
import SynclineSandbox
import Testing

@Suite("Generated data")
struct GeneratedDataTests {
    @Test("the same seed and end give the same calls; another seed other calls")
    func deterministic() async throws {
        let first = GongSandboxData.generated(calls: 200, seed: 9, end: TestCalls.end)
        let second = GongSandboxData.generated(calls: 200, seed: 9, end: TestCalls.end)
        let other = GongSandboxData.generated(calls: 200, seed: 10, end: TestCalls.end)
        #expect(first.callIds == second.callIds)
        #expect(first.callIds != other.callIds)
        let bodies = try await [first, second].asyncMap { data in
            try await withSandbox(data) { session in
                let calls = try await session.extensive([
                    "filter": [:], "contentSelector": ["exposedFields": ["parties": true, "content": ["brief": true]]],
                ]).calls()
                return try JSONSerialization.data(withJSONObject: calls, options: [.sortedKeys])
            }
        }
        #expect(bodies[0] == bodies[1])
    }

    @Test("a few hundred calls over the ten days before the end, with offsets, dial-ins and twelve users")
    func shape() async throws {
        let data = GongSandboxData.generated(end: TestCalls.end)
        #expect(data.callCount == 300)
        #expect(data.userCount == 12)
        try await withSandbox(data) { session in
            let pages = try await session.allExtensivePages(selector: ["exposedFields": ["parties": true]])
            let calls = try pages.flatMap { try $0.calls() }
            #expect(calls.count == 300)
            let end = Int64(TestCalls.end.timeIntervalSince1970 * 1000)
            var offsets: Set<String> = []
            var partiesWithoutEmail = 0
            for call in calls {
                let metaData = try #require(call["metaData"] as? [String: Any])
                let started = try #require(metaData["started"] as? String)
                let instant = try #require(TestTime.milliseconds(started), "not ISO-8601: \(started)")
                #expect(instant < end && instant >= end - 10 * 86_400_000)
                offsets.insert(String(started.suffix(6)))
                #expect((metaData["id"] as? String)?.allSatisfy(\.isNumber) == true)
                let parties = try #require(call["parties"] as? [[String: Any]])
                partiesWithoutEmail += parties.filter { $0["emailAddress"] == nil }.count
            }
            #expect(offsets.contains("-08:00") && offsets.contains("+05:30"))
            #expect(partiesWithoutEmail > 0)
        }
    }
}

extension Array {
    /// `transform` applied to each element in turn.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
