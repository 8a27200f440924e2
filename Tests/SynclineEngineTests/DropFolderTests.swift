import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("A drop folder: new and changed files are what is new")
struct DropFolderTests {
    private func applyFileJob(_ harness: EngineHarness, lookback: String = "1h") throws {
        try harness.apply(
            """
            version: 1
            extends: gong-touchpoints
            source: {connector: file, object: gong_calls, path: "export/**/page_*.json"}
            mapping:
              touchpoint_id: metaData.id
              account_id: {resolve: account, from: "parties[].emailAddress"}
            sync: {lookback: \(lookback)}
            """,
            as: "calls"
        )
    }

    @Test("a file dropped after a sync is read whole, even its calls that started long before that sync")
    func newFileReadWhole() async throws {
        let harness = try EngineHarness()
        try await harness.seedReferenceData()
        try applyFileJob(harness)
        try harness.directory.write(
            Call.page([
                Call.make("base-1", started: Call.hoursBefore(30)), Call.make("base-2", started: Call.hoursBefore(2)),
                Call.make("ancient", started: Call.hoursBefore(9 * 24)),
            ]), to: "export/base/page_000001.json")
        let engine = harness.engine(files: true)
        let first = try await engine.sync(job: "calls")
        #expect(first.created == 2)
        #expect(first.outsideWindow == 1)  // older than the 7-day backfill: counted, shown, not created
        // The export's late part lands an hour later: calls that started before the first sync, 3 h and 20 h
        // before it — far beyond the 1 h lookback, yet new to this job.
        harness.clock.advance(by: 3600)
        try harness.directory.write(
            Call.page([
                Call.make("late-1", started: Call.hoursBefore(3)), Call.make("late-2", started: Call.hoursBefore(20)),
                Call.make("base-2", started: Call.hoursBefore(2)),
            ]), to: "export/delta/page_000001.json")
        let second = try await engine.sync(job: "calls")
        #expect(second.windowFrom == nil)  // new and changed files, whole
        #expect(second.created == 2)
        #expect(second.skippedExisting == 1)
        #expect(second.outsideWindow == 0)
        #expect(try harness.touchpointIDs() == ["base-1", "base-2", "late-1", "late-2"])
        let third = try await engine.sync(job: "calls")
        #expect(third.pages == 0)  // both files consumed
    }

    @Test("a call dated after the run's start keeps its file unconsumed until a run covers it")
    func futureCallRereadsFile() async throws {
        let harness = try EngineHarness()
        try await harness.seedReferenceData()
        try applyFileJob(harness)
        try FileManager.default.createDirectory(
            at: harness.directory.url.appendingPathComponent("export"), withIntermediateDirectories: true)
        _ = try await harness.engine(files: true).sync(job: "calls")  // the first run: nothing yet
        try harness.directory.write(
            Call.page([
                Call.make("now", started: Call.hoursBefore(1)), Call.make("soon", started: Call.hoursBefore(-2)),
            ]),
            to: "export/page_000001.json")
        harness.clock.advance(by: 60)
        let run = try await harness.engine(files: true).sync(job: "calls")
        #expect(run.created == 1)
        #expect(run.outsideWindow == 1)
        harness.clock.advance(by: 3 * 3600)
        let later = try await harness.engine(files: true).sync(job: "calls")
        #expect(later.created == 1)
        #expect(try harness.touchpointIDs() == ["now", "soon"])
    }

    @Test("--since reprocesses from that instant, re-reading consumed files, and no earlier")
    func since() async throws {
        let harness = try EngineHarness()
        try await harness.seedReferenceData()
        try applyFileJob(harness)
        try harness.directory.write(
            Call.page([Call.make("a", started: Call.hoursBefore(50)), Call.make("b", started: Call.hoursBefore(5))]),
            to: "export/page_000001.json")
        let engine = harness.engine(files: true)
        _ = try await engine.sync(job: "calls")
        try harness.execute("DELETE FROM touchpoints")
        let run = try await engine.sync(job: "calls", since: EngineHarness.start.addingTimeInterval(-10 * 3600))
        #expect(run.created == 1)
        #expect(run.outsideWindow == 1)
        #expect(try harness.touchpointIDs() == ["b"])
    }
}
