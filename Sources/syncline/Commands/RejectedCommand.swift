import ArgumentParser
import SynclineStore

/// `syncline rejected JOB`: the records a job did not write, and why.
struct RejectedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejected",
        abstract: "List the records a job rejected and why (the rejected_records table).",
        discussion: """
            A record written by a later run (say, once its account is known) leaves the list.

            Example:
              syncline rejected gong-export-touchpoints --limit 20
            """
    )

    @Argument(help: "The job's name.")
    var job: String

    @Option(help: "How many records to show.")
    var limit = 50

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try StagingStore(readingFrom: store.path)
        guard try database.hasJob(job) else {
            throw ValidationError("no job '\(job)' in \(store.path); see 'syncline jobs'")
        }
        let rejections = try database.rejections(of: job, limit: limit)
        guard !rejections.isEmpty else {
            print("\(job) has no rejected records")
            return
        }
        var table = TextTable(header: ["SOURCE ID", "DATE", "RUN", "CODE", "REASON"])
        for rejection in rejections {
            table.rows.append([
                rejection.sourceID, rejection.recordDate ?? "-", "\(rejection.runID)", rejection.code, rejection.reason,
            ])
        }
        print(table.render())
    }
}
