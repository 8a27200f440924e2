import ArgumentParser
import Foundation
import Logging
import SynclineCore
import SynclineRunner
import SynclineStore

/// `syncline runner`: runs the applied jobs on their schedules until stopped, with a status page.
struct RunnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runner",
        abstract: "Run the applied jobs on their schedules, in the foreground, with a status page and metrics.",
        discussion: """
            Each enabled job runs at its cron times in its zone (the job's 'timezone', else the instance's from \
            syncline.yaml, else this machine's); jobs due together run in 'depends_on' order, and a job whose \
            dependency failed in that round is skipped. A slot missed while no runner ran is run once when it \
            starts (a catch-up). A failed run is retried with backoff (1, 4 and 16 minutes), then left failed \
            until its next time; a run stopped by the day's request budget resumes after the next UTC midnight. \
            A job never runs twice at once, whoever starts it. Jobs applied while it runs are picked up within \
            seconds, and 'apply' hands it jobs with 'sync_on_save'.

            The HTTP listener serves the status page at /, a page per job at /jobs/NAME, /status (JSON), \
            /metrics (Prometheus) and /health. It binds to 127.0.0.1 unless --http-allow-remote is given.

            SIGTERM or Ctrl-C stops it gracefully: the sync in progress commits the batch it is writing and is \
            recorded 'cancelled' (the next run picks up from the watermark); it exits 0 within seconds.

            Examples:
              syncline runner
              syncline runner --db /var/lib/syncline/staging.db --http 127.0.0.1:9464
              syncline runner --no-http

            Exit status: 0 after a graceful stop, 1 when it cannot start, 2 wrong usage.
            """
    )

    @Option(
        help: ArgumentHelp("Where the status page and metrics listen (port 0: a free one).", valueName: "host:port"))
    var http = "127.0.0.1:9464"

    @Flag(help: "Allow --http to bind to an address other than loopback (the page has no authentication).")
    var httpAllowRemote = false

    @Flag(help: "Serve no HTTP at all.")
    var noHttp = false

    @Flag(help: "Log only warnings and errors (the default logs each run's start and end).")
    var quiet = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    /// `host:port`, checked.
    private func listener() throws -> RunnerProcess.Listener? {
        guard !noHttp else { return nil }
        guard let colon = http.lastIndex(of: ":"), let port = Int(http[http.index(after: colon)...]),
            (0...65_535).contains(port)
        else {
            throw ValidationError("--http '\(http)' is not host:port, such as 127.0.0.1:9464")
        }
        let host = String(http[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard httpAllowRemote || LoopbackHost.contains(host) else {
            throw ValidationError(
                "--http \(http) is not a loopback address; the status page has no authentication: add --http-allow-remote to serve it there anyway"
            )
        }
        return .init(host: host, port: port)
    }

    func validate() throws {
        _ = try listener()
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = quiet ? .warning : .info
            return handler
        }
        let logger = Logger(label: "syncline.runner")
        let project = project.loadLeniently()
        let database = try store.open()
        let engine = EngineWiring.engine(store: database, logger: logger)
        let listener = try listener()
        Output.line("runner: \(store.path), instance time zone \(project.instanceTimeZoneDescription)")
        try await RunnerProcess.run(
            store: database, engine: engine, configuration: RunnerConfiguration(instanceZone: project.instanceTimeZone),
            listener: listener, environment: ProcessInfo.processInfo.environment, logger: logger
        ) { port in
            if let listener {
                let host = listener.host.contains(":") ? "[\(listener.host)]" : listener.host
                Output.line("status page on http://\(host):\(port)/")
            }
        }
        Output.line("runner stopped")
    }
}

/// `syncline enable JOB`.
struct EnableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Let the runner schedule a stored job again, without editing its file.",
        discussion: """
            The next run is computed from now. Applying the job's file later sets it as the file says if the plan \
            changed.

            Example:
              syncline enable gong-touchpoints
            """
    )

    @Argument(help: "The job's name.")
    var job: String

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func run() throws {
        try EnableCommand.switchJob(job, on: true, store: store, project: project)
    }

    static func switchJob(_ job: String, on isEnabled: Bool, store: StoreOptions, project: ProjectOptions) throws {
        let database = try store.open()
        guard try database.setEnabled(job, isEnabled, now: Date()) else {
            throw ValidationError("no job '\(job)' in \(store.path); see 'syncline jobs'")
        }
        guard isEnabled else {
            print("\(job): disabled; the runner no longer schedules it (it stays stored; 'syncline enable \(job)')")
            return
        }
        guard let stored = try database.plan(for: job) else { return }
        var plan = stored.plan
        plan.schedule.isEnabled = true
        let zone = project.loadLeniently().instanceTimeZone
        let next = Schedules.nextRun(of: plan, after: Date(), instanceZone: zone)
        try database.setNextRun(of: job, at: next)
        let when = next.map { StatusReport.local($0, in: Schedules.zone(of: plan, instanceZone: zone)) } ?? "never"
        print("\(job): enabled; next run \(when)")
    }
}

/// `syncline disable JOB`.
struct DisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Stop the runner scheduling a stored job, without editing its file; the job stays stored.",
        discussion: """
            Pending retries and requests are dropped. 'syncline sync JOB' still runs it by hand.

            Example:
              syncline disable gong-touchpoints
            """
    )

    @Argument(help: "The job's name.")
    var job: String

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func run() throws {
        try EnableCommand.switchJob(job, on: false, store: store, project: project)
    }
}
