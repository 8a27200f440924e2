import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Records rejected for want of reference data are tried again once it changes")
struct RetryTests {
    /// Adds `domain` to account `account` through the accounts job, as an integrator loading a new CSV would.
    private func loadDomain(_ domain: String, account: String, harness: EngineHarness) async throws {
        let csv = try String(contentsOf: harness.directory.url.appendingPathComponent("accounts.csv"), encoding: .utf8)
        try harness.directory.write(csv + "\n\(account),Wonka,\(domain)", to: "accounts.csv")
        let run = try await harness.engine(files: true).sync(job: "accounts")
        #expect(run.updated + run.created >= 1)
    }

    private func rejectedIDs(_ harness: EngineHarness) throws -> [String] {
        try harness.store.query("SELECT source_id FROM rejected_records WHERE job = 'calls' ORDER BY source_id")
            .rows.compactMap { $0[0] }
    }

    @Test("a call rejected for an unknown domain is created once the domain is loaded, outside its window")
    func createdOnceDomainLoads() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob(lookback: "1h")
        try await harness.seedReferenceData()
        let wonka = Call.make(
            "w1", started: Call.hoursBefore(2), emails: ["dana@northwind.example", "x@wonka.example"])
        harness.source.serve([[wonka, Call.make("a1", started: Call.hoursBefore(3))]])
        let first = try await harness.sync()
        #expect(first.created == 1)
        #expect(first.rejected == 1)
        #expect(try rejectedIDs(harness) == ["w1"])

        // Nothing changed: the rejection is not tried again.
        harness.clock.advance(by: 6 * 3600)
        let unchanged = try await harness.sync()
        #expect(harness.source.requests.last?.retry == nil)
        #expect(unchanged.retried == 0)

        // The domain arrives; the call is now far outside the window (6 h later, lookback 1 h), yet it is created.
        try await loadDomain("wonka.example", account: "W9", harness: harness)
        harness.clock.advance(by: 3600)
        let retried = try await harness.sync()
        #expect(harness.source.requests.last?.retry?.ids == ["w1"])
        #expect(retried.retried == 1)
        #expect(retried.retriedCreated == 1)
        #expect(retried.created == 1)
        #expect(try harness.touchpointIDs() == ["a1", "w1"])
        #expect(try rejectedIDs(harness).isEmpty)
        #expect(
            try harness.store.query("SELECT account_id, account_resolution FROM touchpoints WHERE touchpoint_id = 'w1'")
                .rows == [["W9", "domain"]])

        // And it is not asked for again.
        harness.clock.advance(by: 3600)
        #expect(try await harness.sync().retried == 0)
        #expect(harness.source.requests.last?.retry == nil)
    }

    @Test("a retried call that still resolves to nothing stays rejected, and waits for the next change")
    func staysRejected() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([
            [Call.make("h1", started: Call.hoursBefore(2), emails: ["dana@northwind.example", "x@hooli.example"])]
        ])
        _ = try await harness.sync()
        try await loadDomain("wonka.example", account: "W9", harness: harness)  // not the domain h1 needs
        harness.clock.advance(by: 60)
        let run = try await harness.sync()
        #expect(run.retried == 1)
        #expect(run.retriedCreated == 0)
        #expect(try rejectedIDs(harness) == ["h1"])
        #expect(
            try harness.store.query("SELECT attempts FROM rejected_records WHERE source_id = 'h1'").rows == [["2"]])
        harness.clock.advance(by: 60)
        #expect(try await harness.sync().retried == 0)
    }

    @Test("retries are bounded per run; the rest are tried by the next runs")
    func bounded() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        let calls = (1...5).map {
            Call.make("q\($0)", started: Call.hoursBefore(Double($0)), emails: ["x\($0)@wonka.example"])
        }
        harness.source.serve([calls])
        _ = try await harness.sync()
        #expect(try rejectedIDs(harness).count == 5)
        try await loadDomain("wonka.example", account: "W9", harness: harness)
        var engine = harness.engine()
        engine.retryLimit = 2
        var created: [Int] = []
        for _ in 0..<4 {
            harness.clock.advance(by: 60)
            created.append(try await engine.sync(job: "calls").retriedCreated)
        }
        #expect(created == [2, 2, 1, 0])
        #expect(try harness.touchpointIDs() == ["q1", "q2", "q3", "q4", "q5"])
    }

    @Test("a call the source no longer returns is not asked for again until reference data changes again")
    func unfound() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([[Call.make("gone", started: Call.hoursBefore(2), emails: ["x@wonka.example"])]])
        _ = try await harness.sync()
        harness.source.serve([[]])  // deleted at the source
        try await loadDomain("wonka.example", account: "W9", harness: harness)
        harness.clock.advance(by: 60)
        let run = try await harness.sync()
        #expect(harness.source.requests.last?.retry?.ids == ["gone"])
        #expect(run.retried == 0)
        harness.clock.advance(by: 60)
        _ = try await harness.sync()
        #expect(harness.source.requests.last?.retry == nil)
        #expect(try rejectedIDs(harness) == ["gone"])
    }

    @Test("a drop folder's file holding a rejected call is read again, and only that call is retried")
    func fileSourceRereadsTheFile() async throws {
        let harness = try EngineHarness()
        try await harness.seedReferenceData()
        try harness.apply(
            """
            version: 1
            extends: gong-touchpoints
            source: {connector: file, object: gong_calls, path: "drop/*.json"}
            mapping:
              touchpoint_id: metaData.id
              account_id: {resolve: account, from: "parties[].emailAddress"}
            """,
            as: "calls"
        )
        try harness.directory.write(
            Call.page([
                Call.make("f1", started: Call.hoursBefore(2), emails: ["x@wonka.example"]),
                Call.make("f2", started: Call.hoursBefore(3)),
            ]), to: "drop/page_1.json")
        let engine = harness.engine(files: true)
        let first = try await engine.sync(job: "calls")
        #expect(first.created == 1)
        #expect(
            try harness.store.query("SELECT source_id, source_file FROM rejected_records").rows == [
                ["f1", "page_1.json"]
            ])
        try await loadDomain("wonka.example", account: "W9", harness: harness)
        harness.clock.advance(by: 60)
        let run = try await engine.sync(job: "calls")
        #expect(run.retried == 1)
        #expect(run.retriedCreated == 1)
        #expect(run.skippedExisting == 0)  // f2, in the same file, is not processed again
        #expect(try harness.touchpointIDs() == ["f1", "f2"])
    }
}
