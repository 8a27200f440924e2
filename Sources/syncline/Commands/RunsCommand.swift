import ArgumentParser
import Foundation
import SynclineCore
import SynclineStore

/// `syncline runs JOB`: a job's runs, newest first.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List a job's runs, newest first: status, window and counts.",
        discussion: """
            Example:
              syncline runs gong-export-touchpoints --limit 5
            """
    )

    @Argument(help: "The job's name.")
    var job: String

    @Option(help: "How many runs to show.")
    var limit = 20

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try StagingStore(readingFrom: store.path)
        guard try database.hasJob(job) else {
            throw ValidationError("no job '\(job)' in \(store.path); see 'syncline jobs'")
        }
        var table = TextTable(header: [
            "RUN", "STATUS", "TRIGGER", "STARTED", "WINDOW FROM", "PAGES", "RECORDS", "CREATED", "EXISTED", "REJECTED",
            "WARNINGS",
            "ERROR",
        ])
        for run in try database.runs(of: job, limit: limit) {
            table.rows.append([
                "\(run.runID)", run.status.rawValue,
                run.trigger.rawValue + (run.attempt > 1 ? " #\(run.attempt)" : ""), StatusCommand.stamp(run.startedAt),
                run.windowFrom ?? "-",
                "\(run.pages)",
                "\(run.fetched)", "\(run.created + run.updated)", "\(run.skippedExisting)", "\(run.rejected)",
                "\(run.warnings)",
                run.error ?? "",
            ])
        }
        print(table.rows.isEmpty ? "\(job) has not run yet" : table.render())
    }
}
