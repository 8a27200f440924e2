import ArgumentParser
import Foundation
import SynclineCore
import SynclineRunner
import SynclineStore

/// `syncline status`: every job's state, including the live progress of a running sync.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each job: enabled, last run and its counts, watermark, and any sync in progress.",
        discussion: """
            Reads the staging database only, so it shows syncs running in other processes as they commit.

            Example:
              syncline status --db staging.db
            """
    )

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let statuses = try StagingStore(readingFrom: store.path).jobStatuses()
        guard !statuses.isEmpty else {
            print("no jobs in \(store.path); store some with 'syncline apply jobs/*.yaml'")
            return
        }
        let instance = project.loadLeniently()
        let instanceZone = instance.instanceTimeZoneDescription
        for status in statuses {
            let job = status.job
            print(
                "\(job.name) (version \(job.version), \(job.isEnabled ? "enabled" : "disabled"), "
                    + "\(job.cron) in \(job.timezone ?? instanceZone))"
            )
            let zone = job.timezone.flatMap(TimeZone.init(identifier:)) ?? instance.instanceTimeZone
            if !job.isEnabled {
                print("  next run: never (disabled; 'syncline enable \(job.name)' schedules it again)")
            } else if let next = job.nextRunAt {
                print("  next run: \(StatusReport.local(next, in: zone))")
            } else {
                print("  next run: not computed yet (a runner computes it when it starts)")
            }
            if let last = status.lastRun, last.status == .running {
                let age = Int(Date().timeIntervalSince(last.heartbeatAt))
                print(
                    "  running: run \(last.runID) since \(Self.stamp(last.startedAt)): \(last.pages) pages, \(last.fetched) records, "
                        + "\(last.created) created, \(last.skippedExisting) already existed, \(last.rejected) rejected (last commit \(age) s ago)"
                )
                if let finished = status.lastFinishedRun {
                    print("  last finished: run \(finished.runID) " + RunSummary.line(finished, namingJob: false))
                }
            } else if let last = status.lastRun {
                print(
                    "  last run \(last.runID) at \(Self.stamp(last.startedAt)): "
                        + RunSummary.line(last, namingJob: false))
            } else {
                print("  never run")
            }
            print(
                "  watermark: \(status.watermark.map(Instant.preciseText) ?? "none yet (the first run reads the initial backfill)")"
            )
        }
    }

    static func stamp(_ date: Date) -> String {
        Instant.utcText(milliseconds: Int64(date.timeIntervalSince1970 * 1000))
    }
}
