import Foundation
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Gong calls rejected earlier are fetched again by id")
struct GongRetryTests {
    @Test("once their account's domain is loaded, rejected calls are fetched with filter.callIds and created")
    func fetchedByID() async throws {
        var calls = GongHarness.calls(40)
        // Calls 30 to 39 (30–40 hours old) have a buyer at a domain no account has yet.
        for index in 30..<40 {
            guard var parties = calls[index]["parties"] as? [[String: Any]] else { continue }
            parties[1]["emailAddress"] = "buyer\(index)@initech.example"
            calls[index]["parties"] = parties
        }
        let rejected = (30..<40).compactMap { (calls[$0]["metaData"] as? [String: Any])?["id"] as? String }.sorted()
        let harness = try GongHarness(calls: calls)
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            let first = try await engine.sync(job: "gong-touchpoints")
            #expect(first.created == 30)
            #expect(first.rejected == 10)
            try harness.seedAccounts([("C3", "Initech", "initech.example")])
            // Two days on: the calls are far outside the next window (watermark minus the 24 h lookback).
            harness.clock.advance(by: 2 * 86_400)
            await harness.sandbox.resetRequestLog()
            let second = try await engine.sync(job: "gong-touchpoints")
            #expect(second.retried == 10)
            #expect(second.retriedCreated == 10)
            let byID = await harness.sandbox.requestLog.compactMap { $0.filter?.callIds }
            #expect(byID.map { $0.sorted() } == [rejected])
            let windowed = await harness.sandbox.requestLog.filter { $0.filter?.callIds == nil }
            #expect(windowed.allSatisfy { $0.filter?.fromDateTime != nil })
        }
        #expect(try harness.touchpointIDs().count == 40)
        #expect(try harness.store.query("SELECT count(*) FROM rejected_records").rows == [["0"]])
    }
}
