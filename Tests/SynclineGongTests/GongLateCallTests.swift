import Foundation
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Calls Gong lists hours after they started")
struct GongLateCallTests {
    @Test("a long call Gong lists five hours after it started is created by the next run, within the 24 h lookback")
    func lateByHours() async throws {
        var calls = GongHarness.calls(10)
        // The latest call began five hours before the first run (a two-hour call, then Gong's processing).
        calls[0]["metaData"] = (calls[0]["metaData"] as? [String: Any] ?? [:]).merging([
            "started": Instant.preciseText(GongHarness.start.addingTimeInterval(-5 * 3600)), "duration": 7200,
        ]) { _, new in new }
        let lateID = try #require((calls[0]["metaData"] as? [String: Any])?["id"] as? String)
        let harness = try GongHarness(calls: calls)
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url)
            await harness.sandbox.setFault(.lateCalls(.ids([lateID])))
            let first = try await engine.sync(job: "gong-touchpoints")
            #expect(first.created == 9)
            await harness.sandbox.releaseLateCalls()
            harness.clock.advance(by: 3600)
            let second = try await engine.sync(job: "gong-touchpoints")
            #expect(second.created == 1)
            #expect(second.windowFrom == Instant.preciseText(GongHarness.start.addingTimeInterval(-86_400)))
        }
        #expect(try harness.touchpointIDs().contains(lateID))
    }

    @Test("the shipped template's lookback covers the longest call plus Gong's processing")
    func shippedLookback() throws {
        let template = try String(
            contentsOf: RepositoryPaths.root().appendingPathComponent("jobs/templates/gong-touchpoints.yaml"),
            encoding: .utf8)
        let line = try #require(template.split(separator: "\n").first { $0.hasPrefix("  lookback:") })
        let value = try #require(
            DurationText.parse(String(line.dropFirst("  lookback:".count)).trimmingCharacters(in: .whitespaces)))
        #expect(value >= .seconds(24 * 3600))
    }
}
