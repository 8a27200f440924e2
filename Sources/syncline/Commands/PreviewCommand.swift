import ArgumentParser
import Foundation
import SynclineCore
import SynclineEngine

/// `syncline preview JOB`: shows what the next sync would write, writing nothing.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show the first records the next sync would write or reject, fully mapped; nothing is written.",
        discussion: """
            Reads the same window and files the next 'sync' would, maps records with the job's plan and prints
            each attribute ('[locked]' marks attributes fixed by a template) or the reason it would be rejected.

            Example:
              syncline preview gong-export-touchpoints --limit 3
            """
    )

    @Argument(help: "The job's name.")
    var job: String

    @Option(help: "How many records to show.")
    var limit = 10

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let logger = CommandLineLogging.bootstrap(verbose: false)
        let engine = EngineWiring.engine(store: try store.open(), logger: logger)
        let preview = try await engine.preview(job: job, limit: limit)
        let from = preview.window.from.map(Instant.preciseText) ?? "the beginning"
        print("\(job): window \(from) to \(Instant.preciseText(preview.window.to)); nothing is written")
        for item in preview.items {
            switch item {
            case .row(let sourceID, let values):
                print("\nrecord \(sourceID): would be written")
                let width = values.map(\.attribute.count).max() ?? 0
                for value in values {
                    let text =
                        value.value.map {
                            $0.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 4))
                        } ?? "(none)"
                    let name = value.attribute.padding(toLength: width, withPad: " ", startingAt: 0)
                    print("  \(name)  \(text)" + (value.isLocked ? "  [locked]" : ""))
                }
            case .rejected(let rejection):
                print("\nrecord \(rejection.sourceID): would be rejected [\(rejection.code)]: \(rejection.reason)")
            }
        }
        print("\n\(preview.items.count) shown of \(preview.scanned) read (\(preview.outsideWindow) outside the window)")
    }
}
