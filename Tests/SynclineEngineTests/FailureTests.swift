import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Failures lose nothing")
struct FailureTests {
    @Test("a malformed page fails the run clearly; pages before it stay committed and the watermark stays put")
    func malformedPage() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        let pages = (0..<4).map { page in
            (0..<2).map { index in
                Call.make("c\(page)\(index)", started: Call.hoursBefore(Double(10 + page * 2 + index)))
            }
        }
        harness.source.serve(pages)
        harness.source.fail(atPage: 2)
        await #expect(throws: InMemorySource.PageError.self) { try await harness.sync() }
        #expect(try harness.touchpointIDs() == ["c00", "c01", "c10", "c11"])
        #expect(try harness.watermark() == nil)
        let failed = try #require(try harness.store.runs(of: "calls").first)
        #expect(failed.status == .failed)
        #expect(failed.error == "malformed-page: page 3 is not valid JSON")
        #expect(failed.created == 4)

        harness.source.fail(atPage: nil)
        harness.clock.advance(by: 60)
        let rerun = try await harness.sync()
        #expect(rerun.status == .succeeded)
        #expect(rerun.created == 4)
        #expect(rerun.skippedExisting == 4)
        #expect(try harness.touchpointIDs().count == 8)
        #expect(try harness.watermark() == EngineHarness.start.addingTimeInterval(60))
    }

    // Broken if SyncEngine.pump dropped the batch being filled when the source throws (the "Pages read before
    // the failure are valid: store them" flush): the first page, smaller than a batch, would never be committed.
    @Test("a page smaller than a batch, read before the source fails, is committed with the failed run")
    func partialBatchFlushed() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([
            (0..<3).map { Call.make("p\($0)", started: Call.hoursBefore(Double(10 + $0))) },
            [Call.make("never", started: Call.hoursBefore(5))],
        ])
        harness.source.fail(atPage: 1)
        await #expect(throws: InMemorySource.PageError.self) {
            try await harness.engine(batchSize: 100).sync(job: "calls")
        }
        #expect(try harness.touchpointIDs() == ["p0", "p1", "p2"])
        let failed = try #require(try harness.store.runs(of: "calls").first)
        #expect(failed.status == .failed)
        #expect(failed.error == "malformed-page: page 2 is not valid JSON")
        #expect(failed.pages == 1)
        #expect(failed.created == 3)
        #expect(try harness.watermark() == nil)
    }

    @Test("warnings a source reports on its pages are counted with the run's warnings")
    func sourceWarnings() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([
            [Call.make("w1", started: Call.hoursBefore(10))], [Call.make("w2", started: Call.hoursBefore(9))],
        ])
        harness.source.warn(atPage: 1, count: 2)
        let run = try await harness.engine().sync(job: "calls")
        #expect(run.status == .succeeded)
        #expect(run.warnings == 2)
    }

    @Test("a run left 'running' by a killed process is marked interrupted by the next run, which picks up")
    func interruptedRun() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        try harness.execute(
            """
            INSERT INTO sync_runs (job, plan_version, window_to, status, started_at, heartbeat_at, pid, host)
            VALUES ('calls', 1, '2026-03-10T11:00:00.000Z', 'running', '2026-03-10T11:00:00.000Z', '2026-03-10T11:00:00.000Z', 999999, 'test-host')
            """
        )
        harness.source.serve([[Call.make("c", started: Call.hoursBefore(2))]])
        try await harness.sync()
        let statuses = try harness.store.runs(of: "calls").map(\.status)
        #expect(statuses == [.succeeded, .interrupted])
    }

    @Test("a job held by a live run is refused rather than run twice")
    func busy() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try harness.execute(
            """
            INSERT INTO sync_runs (job, plan_version, window_to, status, started_at, heartbeat_at, pid, host)
            VALUES ('calls', 1, '2026-03-10T11:00:00.000Z', 'running', '2026-03-10T11:00:00.000Z', '2026-03-10T11:00:00.000Z', 42, 'other-host')
            """
        )
        var engine = harness.engine()
        engine.isAlive = { _, _, _ in true }
        await #expect(throws: StoreError.self) { try await engine.sync(job: "calls") }
    }
}
