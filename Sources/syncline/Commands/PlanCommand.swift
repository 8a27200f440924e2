import ArgumentParser
import Foundation
import SynclineCore
import SynclineStore

/// `syncline plan JOB`: shows a compiled plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show a job's compiled plan: source, attributes with their flags, sync and schedule.",
        discussion: """
            Locked attributes (fixed by a template) are marked 'locked by TEMPLATE'; required ones 'required'. \
            Secrets show only where they are read from, never a value.

            Example:
              syncline plan gong-touchpoints
              syncline plan gong-touchpoints --version 1 --format json
            """
    )

    @Argument(help: "The job's name.")
    var job: String

    @Option(help: "A plan version (default: the current one).")
    var version: Int?

    @Option(help: "Output format: text or json (the stored plan).")
    var format: OutputFormat = .text

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func run() throws {
        guard let stored = try store.open().plan(for: job, version: version) else {
            throw ValidationError(
                version == nil
                    ? "no job '\(job)' in \(store.path); see 'syncline jobs'"
                    : "job '\(job)' has no version \(version ?? 0)"
            )
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(stored.plan), as: UTF8.self))
        case .text:
            print(stored.rendered(instanceZone: project.loadLeniently().instanceTimeZoneDescription))
        }
    }
}
