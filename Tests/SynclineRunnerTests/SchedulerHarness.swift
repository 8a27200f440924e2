import Foundation
import Logging
import Synchronization
import SynclineCore
import SynclineEngine
import SynclineRunner
import SynclineStore
import SynclineTestSupport

/// The runner's wall clock in a test: it jumps to whatever instant a sleep asks for, so days pass in milliseconds.
final class JumpingClock: RunnerClock {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func sleep(until date: Date) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, date) }
    }

    func set(_ date: Date) { current.withLock { $0 = date } }
}

/// A staging database, jobs over in-memory sources (one per job), a real engine and a scheduler on a jumping
/// clock in the given instance zone.
struct SchedulerHarness {
    let directory: TemporaryDirectory
    let store: StagingStore
    let clock: JumpingClock
    let zone: TimeZone
    /// The source of each job, by name.
    let sources: [String: InMemorySource]

    /// 2027-03-10T12:00:00Z, a Wednesday.
    static let start = Date(timeIntervalSince1970: 1_804_680_000)

    init(
        jobs: [String: String], zone: TimeZone = TimeZone(identifier: "America/Denver") ?? .current,
        start: Date = SchedulerHarness.start
    ) throws {
        directory = try TemporaryDirectory()
        store = try StagingStore(path: directory.path("staging.db"))
        clock = JumpingClock(start)
        self.zone = zone
        var sources: [String: InMemorySource] = [:]
        for (name, yaml) in jobs {
            let url = try directory.write(yaml, to: "\(name).yaml")
            _ = try store.apply(try TestJobs.compile(url, project: .none), sourceFile: "\(name).yaml", now: start)
            sources[name] = InMemorySource(pages: [[.object([("id", .string("\(name)-1"))])]])
        }
        self.sources = sources
    }

    /// A job reading NDJSON-shaped records into accounts, with `extra` YAML appended (a schedule, depends_on).
    static func job(_ extra: String = "") -> String {
        """
        version: 1
        source: {connector: file, object: ndjson, path: unused.ndjson, fields: {id: string}}
        target: {object: account, mode: upsert}
        mapping: {account_id: id}
        \(extra)
        """
    }

    func engine() -> SyncEngine {
        let sources = self.sources
        var engine = SyncEngine(
            store: store,
            makeSource: { plan, _ in
                guard let source = sources[plan.job] else { throw EngineError("no source for \(plan.job)") }
                return source
            },
            environment: [:], now: { [clock] in clock.now() },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), processID: 1, host: "test",
            isAlive: { _, _, _ in false })
        engine.heartbeatInterval = .seconds(3600)
        return engine
    }

    func scheduler(startedAt: Date? = nil, maximumRetries: Int = 3) -> Scheduler {
        var configuration = RunnerConfiguration(instanceZone: zone)
        configuration.maximumRetries = maximumRetries
        configuration.pollInterval = 6 * 3600  // nothing changes behind the test's back: wake for due jobs only
        return Scheduler(
            store: store, engine: engine(), configuration: configuration, clock: clock, metrics: RunnerMetrics(),
            startedAt: startedAt ?? clock.now(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Runs rounds, sleeping on the jumping clock between them, until `until`.
    func run(_ scheduler: Scheduler, until date: Date) async throws {
        while clock.now() < date {
            let wake = try await scheduler.round()
            try await clock.sleep(until: min(wake, date))
        }
    }

    /// Every run: job, status, trigger, attempt, start in the instance zone — in order.
    func runs() throws -> [String] {
        try store.jobs().flatMap { try store.runs(of: $0.name, limit: 100) }.sorted { $0.runID < $1.runID }.map {
            "\($0.job) \($0.status.rawValue) \($0.trigger.rawValue) #\($0.attempt) \(StatusReport.local($0.startedAt, in: zone))"
        }
    }

    func scheduled(_ job: String) throws -> ScheduledJob? {
        try store.scheduledJobs().first { $0.name == job }
    }
}
