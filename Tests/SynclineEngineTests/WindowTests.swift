import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Windows and watermarks")
struct WindowTests {
    @Test("the first run reads the last 7 days up to its start, and the watermark becomes that start")
    func firstWindow() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([
            [
                Call.make("old", started: Call.hoursBefore(7 * 24 + 1)),
                Call.make("edge", started: Call.hoursBefore(7 * 24)),
            ],
            [Call.make("recent", started: Call.hoursBefore(1)), Call.make("future", started: Call.hoursBefore(-1))],
        ])
        let run = try await harness.sync()
        #expect(run.status == .succeeded)
        #expect(try harness.touchpointIDs() == ["edge", "recent"])
        #expect(run.fetched == 4)
        #expect(run.outsideWindow == 2)
        #expect(run.windowFrom == Instant.preciseText(EngineHarness.start.addingTimeInterval(-7 * 86_400)))
        #expect(try harness.watermark() == EngineHarness.start)
        #expect(
            harness.source.requests.first?.window
                == SyncWindow(from: EngineHarness.start.addingTimeInterval(-7 * 86_400), to: EngineHarness.start))
    }

    @Test("a later run reads from the watermark minus lookback, so only new calls are created")
    func laterRun() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob(lookback: "1h")
        try await harness.seedReferenceData()
        let first = [Call.make("a", started: Call.hoursBefore(30)), Call.make("b", started: Call.hoursBefore(0.5))]
        harness.source.serve([first])
        try await harness.sync()
        harness.clock.advance(by: 24 * 3600)
        harness.source.serve([
            first + [Call.make("c", started: Call.hoursBefore(-2)), Call.make("d", started: Call.hoursBefore(-23))]
        ])
        let run = try await harness.sync()
        #expect(harness.source.requests.last?.window.from == EngineHarness.start.addingTimeInterval(-3600))
        #expect(run.created == 2)
        #expect(run.skippedExisting == 1)  // b, inside the lookback overlap
        #expect(run.outsideWindow == 1)  // a
        #expect(try harness.touchpointIDs() == ["a", "b", "c", "d"])
    }

    @Test("a call exactly at the watermark is read by the next run, and calls with equal instants are both kept")
    func boundaries() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob(lookback: "0s")
        try await harness.seedReferenceData()
        let atWatermark = Call.make("at-watermark", started: Instant.preciseText(EngineHarness.start))
        let twinA = Call.make("twin-a", started: "2026-03-10T11:00:00Z")
        let twinB = Call.make("twin-b", started: "2026-03-10T04:00:00-07:00")  // the same instant
        harness.source.serve([[twinA, atWatermark, twinB]])
        let first = try await harness.sync()
        #expect(first.created == 2)
        #expect(try harness.touchpointIDs() == ["twin-a", "twin-b"])
        harness.clock.advance(by: 60)
        let second = try await harness.sync()
        #expect(second.created == 1)
        #expect(second.skippedExisting == 0)
        #expect(try harness.touchpointIDs() == ["at-watermark", "twin-a", "twin-b"])
    }

    @Test("a late-arriving call inside the lookback is picked up once")
    func lateArrival() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob(lookback: "1h")
        try await harness.seedReferenceData()
        let early = Call.make("early", started: Call.hoursBefore(3))
        harness.source.serve([[early]])
        try await harness.sync()
        // Gong processed this recording late: it started before the first run but appears only now.
        let late = Call.make("late", started: Call.hoursBefore(0.5))
        harness.clock.advance(by: 3600)
        harness.source.serve([[early, late]])
        let second = try await harness.sync()
        #expect(second.created == 1)
        harness.clock.advance(by: 3600)
        let third = try await harness.sync()
        #expect(third.created == 0)
        #expect(third.skippedExisting == 0)
        #expect(try harness.touchpointIDs() == ["early", "late"])
    }

    @Test("offsets and a daylight-saving change compare as instants and are stored in UTC")
    func offsetsAndDST() async throws {
        // 2026-03-08 is the US change to daylight time: 02:00 PST becomes 03:00 PDT (10:00Z).
        let harness = try EngineHarness(start: try #require(Instant.date("2026-03-08T12:00:00Z")))
        try harness.applyTouchpointJob(backfill: "3h")
        try await harness.seedReferenceData()
        harness.source.serve([
            [
                Call.make("before-window", started: "2026-03-08T00:59:59-08:00"),  // 08:59:59Z
                Call.make("window-start", started: "2026-03-08T10:00:00+01:00"),  // 09:00:00Z
                Call.make("pst", started: "2026-03-08T01:30:00-08:00"),  // 09:30Z
                Call.make("pdt", started: "2026-03-08T03:30:00-07:00"),  // 10:30Z
                Call.make("fraction", started: "2026-03-08T11:59:59.999Z"),
            ]
        ])
        let run = try await harness.sync()
        #expect(run.created == 4)
        let dates = try harness.store.query(
            "SELECT touchpoint_id, touchpoint_date FROM touchpoints ORDER BY touchpoint_date"
        ).rows
        #expect(
            dates == [
                ["window-start", "2026-03-08T09:00:00Z"], ["pst", "2026-03-08T09:30:00Z"],
                ["pdt", "2026-03-08T10:30:00Z"],
                ["fraction", "2026-03-08T11:59:59Z"],
            ]
        )
    }

    @Test("--since reprocesses a range on demand without duplicating anything")
    func since() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([
            [Call.make("a", started: Call.hoursBefore(10 * 24)), Call.make("b", started: Call.hoursBefore(2))]
        ])
        try await harness.sync()
        #expect(try harness.touchpointIDs() == ["b"])
        let run = try await harness.sync(since: EngineHarness.start.addingTimeInterval(-30 * 86_400))
        #expect(run.created == 1)
        #expect(run.skippedExisting == 1)
        #expect(try harness.touchpointIDs() == ["a", "b"])
        #expect(try harness.watermark() == EngineHarness.start)
    }
}
