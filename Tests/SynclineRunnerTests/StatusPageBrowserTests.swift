import Foundation
import Hummingbird
import Logging
import SynclineCore
import SynclineEngine
import SynclineRunner
import SynclineStore
import SynclineTestSupport
import Testing

/// A source the test feeds page by page, so a sync stays running for as long as the test looks at it.
final class GatedSource: Source {
    private let stream: AsyncThrowingStream<SourcePage, any Error>
    private let continuation: AsyncThrowingStream<SourcePage, any Error>.Continuation

    init() {
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> { stream }

    /// Serves a page of one record, the source saying how far it has got.
    func serve(_ id: String, progress: Double) {
        var page = SourcePage(records: [.object([("id", .string(id))])], label: "page \(id)")
        page.progress = progress
        continuation.yield(page)
    }

    /// Ends the source.
    func finish() { continuation.finish() }
}

/// The status page in a real headless Chromium, against a real status server on a real store with a sync running.
@Suite("The status page in a browser")
struct StatusPageBrowserTests {
    @Test(
        "it loads without console errors, lists the jobs, shows a sync's progress change without a reload, and fits a phone"
    )
    func statusPage() async throws {
        let harness = try SchedulerHarness(jobs: [
            "accounts": SchedulerHarness.job(), "contacts": SchedulerHarness.job(),
            "gong-users": SchedulerHarness.job("schedule: {enabled: false}"),
        ])
        let source = GatedSource()
        var engine = SyncEngine(
            store: harness.store, makeSource: { _, _ in source }, environment: [:], now: { Date() }, batchSize: 1,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), processID: 1, host: "test",
            isAlive: { _, _, _ in false })
        // One page mapped at a time, so each page served commits at once (with more, the engine reads ahead
        // before it commits, and a page shows only once the next has been read).
        engine.mappingTasks = 1
        let sync = Task { [engine] in try await engine.sync(job: "accounts", trigger: .schedule) }
        source.serve("A1", progress: 0.1)
        #expect(try await Self.eventually { try harness.store.runs(of: "accounts", limit: 1).first?.progress == 0.1 })

        let server = StatusServer(
            store: harness.store, metrics: RunnerMetrics(), instanceZone: harness.zone, environment: [:],
            now: { Date() })
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.application(
            host: "127.0.0.1", port: 0, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            onListening: { portContinuation.yield($0) })
        let serving = Task { try await application.runService() }
        defer { serving.cancel() }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())
        let base = "http://127.0.0.1:\(port)"

        let browser = try await HeadlessBrowser.launch()
        defer { browser.close() }
        let page = try await browser.newPage()
        try await page.navigate(base + "/")
        let text = try #require(try await page.evaluate("document.body.innerText") as? String)
        for job in ["accounts", "contacts", "gong-users"] { #expect(text.contains(job), "\(text)") }
        #expect(text.contains("never (disabled)"))
        let bar = #"document.querySelector('[data-job="accounts"] progress')"#
        #expect(try await page.evaluate("\(bar).value") as? Double == 0.1)
        #expect(try await page.evaluate(#"document.querySelector('[data-job="accounts"]').hidden"#) as? Bool == false)
        #expect(try await page.evaluate(#"document.querySelector('[data-job="contacts"]').hidden"#) as? Bool == true)
        _ = try await page.evaluate("window.__sameDocument = 42")

        // The sync moves on: the bar and counts follow without a reload, then the finished run shows.
        source.serve("A2", progress: 0.6)
        #expect(try await page.wait(until: "\(bar).value === 0.6"), "the progress bar did not move")
        #expect(
            try await page.wait(
                until:
                    #"document.querySelector('[data-job="accounts"] .counts').textContent.startsWith('2 pages, 2 records')"#
            ))
        source.finish()
        let run = try await sync.value
        #expect(run.status == .succeeded)
        #expect(
            try await page.wait(
                until: #"document.querySelector('[data-job="accounts"] .state').textContent === 'succeeded'"#))
        #expect(try await page.evaluate("window.__sameDocument") as? Int == 42, "the page reloaded")
        #expect(Int(try await page.evaluate("document.body.dataset.updates") as? String ?? "0") ?? 0 >= 2)
        #expect(page.consoleErrors() == [])

        // A job's page, and the overview at a phone's width: no console error, nothing wider than the screen.
        try await page.navigate(base + "/jobs/accounts")
        #expect(try await page.evaluate("document.querySelector('h1').textContent") as? String == "accounts")
        #expect(try await page.evaluate("document.body.innerText.includes('succeeded')") as? Bool == true)
        #expect(page.consoleErrors() == [])
        let phone = try await browser.newPage(width: 390, height: 844, mobile: true)
        try await phone.navigate(base + "/")
        let width = try await phone.evaluate("document.documentElement.scrollWidth") as? Int
        #expect(width ?? .max <= 390, "the page is wider than a phone: \(width ?? -1) px")
        #expect(try await phone.evaluate("window.innerWidth") as? Int == 390)
        // Each job's last run is on screen, not scrolled off to the right of a table.
        let lastRun = #"document.querySelector('[data-job="accounts"]').parentElement.getBoundingClientRect().right"#
        #expect(try await phone.evaluate(lastRun) as? Double ?? .infinity <= 390)
        #expect(try await phone.evaluate("document.body.innerText.includes('gong-users')") as? Bool == true)
        let screenshot = try await phone.screenshot()
        #expect(screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(screenshot.count > 10_000, "a blank screenshot? \(screenshot.count) bytes")
        // SYNCLINE_SCREENSHOTS=DIR keeps the phone screenshot for a person to look at.
        let folder = ProcessInfo.processInfo.environment["SYNCLINE_SCREENSHOTS"].map(URL.init(fileURLWithPath:))
        try screenshot.write(to: (folder ?? harness.directory.url).appendingPathComponent("status-phone.png"))
        #expect(phone.consoleErrors() == [])
    }

    /// Polls `condition` for up to ten seconds without blocking a thread.
    static func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }
}
