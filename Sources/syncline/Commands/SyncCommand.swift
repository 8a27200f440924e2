import ArgumentParser
import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore

/// `syncline sync JOB...`: runs jobs once, in the order given.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run jobs once, now, in the order given.",
        discussion: """
            The first run reads the last 'initial_backfill' (default 7 days); later runs read from the job's \
            watermark minus 'lookback'. Every batch's rows, counters and state commit together, so a failed or \
            killed run loses nothing: run it again. A terminal shows a progress bar; otherwise a line every 5 s.

            Examples:
              syncline sync accounts gong-export-users gong-export-touchpoints
              syncline sync gong-export-touchpoints --since 2026-11-01T00:00:00Z

            Exit status: 0 all runs succeeded, 1 a run failed (the others still ran), 2 wrong usage.
            """
    )

    @Argument(help: ArgumentHelp("Jobs to run, by name.", valueName: "job"))
    var jobs: [String]

    @Option(help: "Reprocess from this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z) and re-read consumed files.")
    var since: String?

    @Flag(help: "Log each run's start and end to standard error.")
    var verbose = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !jobs.isEmpty else { throw ValidationError("name at least one job; see 'syncline jobs'") }
        if let since, Instant.date(since) == nil {
            throw ValidationError("--since '\(since)' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z")
        }
    }

    func run() async throws {
        let logger = CommandLineLogging.bootstrap(verbose: verbose)
        let database = try store.open()
        let engine = EngineWiring.engine(store: database, logger: logger)
        var failed = false
        for job in jobs {
            let printer = ProgressPrinter(job: job)
            do {
                let record = try await engine.sync(job: job, since: since.flatMap(Instant.date)) { printer.report($0) }
                printer.finish()
                print(RunSummary.line(record))
            } catch {
                printer.finish()
                failed = true
                FileHandle.standardError.write(Data("\(job): failed: \(error)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// One-line summaries of runs, shared by `sync`, `status` and `demo`.
enum RunSummary {
    static func line(_ run: RunRecord, namingJob: Bool = true) -> String {
        let seconds = (run.finishedAt ?? Date()).timeIntervalSince(run.startedAt)
        var text =
            (namingJob ? "\(run.job): " : "")
            + "\(run.status.rawValue) in \(ProgressPrinter.seconds(seconds)): \(run.pages) pages, "
        text += "\(run.fetched) records"
        if run.outsideWindow > 0 { text += " (\(run.outsideWindow) outside the window)" }
        text += ", \(run.created) created"
        if run.updated > 0 { text += ", \(run.updated) updated" }
        text += ", \(run.skippedExisting) already existed, \(run.rejected) rejected"
        if run.warnings > 0 { text += ", \(run.warnings) warning\(run.warnings == 1 ? "" : "s")" }
        if run.retried > 0 {
            text += "; retried \(run.retried) rejected earlier, \(run.retriedCreated) of them created"
        }
        if let error = run.error { text += "; \(error)" }
        return text
    }
}
