import Foundation
import SynclineConnectors
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Gong faults mid-run, over HTTP on 127.0.0.1")
struct GongFaultTests {
    // The one test here that waits on a real clock: a timeout is the point. Broken if the client's timeout were
    // not applied (the slow page would arrive after 1 s and nothing be retried) or timeouts were not retried (the
    // run would fail with 'timeout'); the log line names the cause, so a 5xx retry would not pass for it.
    @Test("a response slower than the client's timeout is abandoned and retried, and the run stores every call once")
    func slowResponseTimesOut() async throws {
        let harness = try GongHarness(calls: GongHarness.calls(30), pageSize: 10) { $0.timeout = .milliseconds(200) }
        let run = try await harness.withSandbox { url in
            await harness.sandbox.setFault(.slowResponses(delay: .seconds(1), count: 1))
            return try await harness.engine(baseURL: url).sync(job: "gong-touchpoints")
        }
        #expect(run.status == .succeeded)
        #expect(run.created == 30)
        #expect(run.pages == 3)
        #expect(try harness.touchpointIDs() == GongHarness.callIDs(0..<30))
        // The slow request, its retry and two more pages (a loaded machine may time out another: at least 4).
        #expect(await harness.sandbox.requestCount >= 4)
        let retries = harness.logs.text.split(separator: "\n").filter { $0.contains("gong request will be retried") }
        #expect(!retries.isEmpty)
        #expect(retries.allSatisfy { $0.contains("error.code=timeout") })
        #expect(await harness.sandbox.requestLog.allSatisfy { $0.status == 200 })  // no server error behind it
    }

    // Broken if a failure discarded committed pages (fewer calls stored), if the watermark moved to the window's
    // end or past the last whole slice (calls before it would be missing), or if the rerun duplicated or lost a
    // call (created + already existing would not add up to the 168 calls, once each).
    @Test("a page truncated after committed ones keeps them and the last whole slice's watermark; a rerun completes")
    func truncatedAfterCommits() async throws {
        // One call an hour over 7 days, in one-day slices of 24 calls: pages of 10, 10 and 4.
        let harness = try GongHarness(calls: GongHarness.calls(7 * 24), pageSize: 10, sliceLength: 86_400)
        let sliceOneEnd = GongHarness.start.addingTimeInterval(-6 * 86_400)
        try await harness.withSandbox { url in
            let engine = harness.engine(baseURL: url, batchSize: 10)
            // Pages 1-4 whole (the first slice and a page of the second), page 5 cut in half.
            await harness.sandbox.setFault(.truncatedBodies(count: 1, after: 4))
            await #expect(throws: ConnectorError.self) { try await engine.sync(job: "gong-touchpoints") }
            let failed = try #require(try harness.store.runs(of: "gong-touchpoints").first)
            #expect(failed.status == .failed)
            #expect(failed.error?.hasPrefix("malformed-page: calls ") == true)
            #expect(failed.error?.contains(" page 2: the response is not valid JSON") == true)
            #expect(failed.pages == 4)
            #expect(failed.created == 34)
            // The first slice whole and the second slice's first page, committed before the failure.
            let stored = try harness.touchpointIDs()
            #expect(stored == GongHarness.callIDs(134..<168))  // the 34 oldest calls
            let watermark = try #require(try harness.store.jobState(of: "gong-touchpoints").watermark)
            #expect(watermark == sliceOneEnd)
            let before = GongHarness.callIDs((0..<168).filter { GongHarness.started($0) < watermark })
            #expect(!before.isEmpty)
            #expect(Set(before).isSubset(of: Set(stored)))

            harness.clock.advance(by: 60)
            let rerun = try await engine.sync(job: "gong-touchpoints")
            #expect(rerun.status == .succeeded)
            #expect(rerun.created == 7 * 24 - 34)
            #expect(rerun.skippedExisting == 34)
        }
        #expect(try harness.touchpointIDs() == GongHarness.callIDs(0..<168))
        #expect(
            try harness.store.jobState(of: "gong-touchpoints").watermark == GongHarness.start.addingTimeInterval(60))
    }
}
