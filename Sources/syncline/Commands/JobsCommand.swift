import ArgumentParser
import Foundation
import SynclineCore
import SynclineStore

/// `syncline jobs`: lists the stored jobs.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List the jobs stored in the staging database.",
        discussion: """
            Shows each job's current plan version, whether it is scheduled, what it reads and writes, and its \
            schedule (cron in its time zone; 'instance' means the machine's time zone).

            Example:
              syncline jobs --db staging.db
            """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let jobs = try store.open().jobs()
        guard !jobs.isEmpty else {
            print("no jobs in \(store.path); store some with 'syncline apply jobs/*.yaml'")
            return
        }
        var table = TextTable(header: ["JOB", "VERSION", "ENABLED", "SOURCE", "TARGET", "MODE", "SCHEDULE"])
        for job in jobs {
            table.rows.append([
                job.name, "\(job.version)", job.isEnabled ? "yes" : "no", job.source, job.target, job.mode.rawValue,
                "\(job.cron) (\(job.timezone ?? "instance"))",
            ])
        }
        print(table.render())
    }
}
