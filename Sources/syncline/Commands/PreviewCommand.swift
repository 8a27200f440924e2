import ArgumentParser
import Foundation
import SynclineCompiler
import SynclineCore
import SynclineEngine
import SynclineStore

/// `syncline preview JOB|FILE`: shows what the next sync would do, record by record, writing nothing.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show what the next sync would do with its first records: create, skip or reject; nothing is saved.",
        discussion: """
            Give a job file to preview it before 'apply' (it is compiled in memory and never stored), or an \
            applied job's name. Preview reads the window the next sync would (the first run: the last \
            'initial_backfill'), maps the first records with the plan and says, for each, 'would create', 'would \
            skip (exists)' when its key is already in the staging database, 'would update' (upserts) or 'would \
            reject' with the reason. '[locked]' marks attributes fixed by a template, '[default]' those the job \
            leaves to the project's or the target's default. --raw shows the records' selected fields as the \
            connector returned them instead.

            Nothing is written but the day's request count: a preview's HTTP requests count against the \
            connection's daily budget like a sync's.

            Examples:
              syncline preview jobs/gong-touchpoints.yaml
              syncline preview jobs/gong-touchpoints.yaml --raw --limit 3
              syncline preview gong-export-touchpoints
            """
    )

    @Argument(help: ArgumentHelp("A job file (YAML) to preview before applying it, or an applied job's name."))
    var job: String

    @Option(help: "How many records to show.")
    var limit = 10

    @Flag(help: "Show each record's selected fields as the connector returned them, instead of the mapped row.")
    var raw = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    /// Whether the argument names a job file rather than an applied job.
    private var namesFile: Bool {
        job.hasSuffix(".yaml") || job.hasSuffix(".yml") || job.contains("/")
    }

    func run() async throws {
        let logger = CommandLineLogging.bootstrap(verbose: false)
        let engine = EngineWiring.engine(store: try store.open(), logger: logger)
        let preview: SyncPreview
        let name: String
        if namesFile {
            let projectFile = project.compile()
            guard let compilation = JobFiles.compile([job], project: projectFile?.bestEffort ?? .none).first else {
                return
            }
            guard compilation.isValid, projectFile?.isValid ?? true, let plan = compilation.plan else {
                JobFiles.report([compilation], project: projectFile, format: .text)
                throw ExitCode(1)
            }
            guard !compilation.isTemplate else {
                throw ValidationError("\(job) is a template: preview a job that extends it")
            }
            name = plan.job
            preview = try await engine.preview(plan: plan, limit: limit)
            let applied = try engine.store.plan(for: plan.job)
            let state =
                applied == nil
                ? "not applied"
                : applied?.contentHash == plan.compiled().contentHash ? "as applied" : "changed since apply"
            print("\(name) (\(job), \(state)): \(Self.window(preview)); nothing is saved")
        } else {
            name = job
            preview = try await engine.preview(job: job, limit: limit)
            print("\(name): \(Self.window(preview)); nothing is saved")
        }
        for item in preview.items {
            print("\nrecord \(item.sourceID): \(Self.describe(item.decision))")
            if raw {
                print(
                    item.raw.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
                        separator: "\n"))
                continue
            }
            guard case .create = item.decision else {
                if case .update = item.decision { print(Self.values(item)) }
                continue
            }
            print(Self.values(item))
        }
        let counts = preview.counts
        var summary = "\n\(preview.items.count) shown of \(preview.scanned) read: \(counts.create) would create, "
        summary += "\(counts.skip) would skip (exist), "
        if counts.update > 0 { summary += "\(counts.update) would update, " }
        summary += "\(counts.reject) would reject; \(preview.outsideWindow) outside the window"
        if preview.requests > 0 {
            summary +=
                "; \(preview.requests) request\(preview.requests == 1 ? "" : "s") (counted against today's budget)"
        }
        print(summary)
    }

    private static func window(_ preview: SyncPreview) -> String {
        let to = Instant.preciseText(preview.window.to)
        guard let from = preview.window.from else { return "reads new and changed files, up to \(to)" }
        return "window \(Instant.preciseText(from)) to \(to)"
    }

    private static func describe(_ decision: SyncPreview.Decision) -> String {
        switch decision {
        case .create: "would create"
        case .skipExisting: "would skip (exists: its key is already in the staging database)"
        case .update: "would update"
        case .reject(let rejection): "would reject [\(rejection.code.rawValue)]: \(rejection.reason)"
        }
    }

    private static func values(_ item: SyncPreview.Item) -> String {
        let width = item.values.map(\.attribute.count).max() ?? 0
        return item.values.map { value in
            let text =
                value.value.map {
                    $0.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 4))
                } ?? "(none)"
            let name = value.attribute.padding(toLength: width, withPad: " ", startingAt: 0)
            return "  \(name)  \(text)" + (value.isLocked ? "  [locked]" : value.isDefault ? "  [default]" : "")
        }.joined(separator: "\n")
    }
}
