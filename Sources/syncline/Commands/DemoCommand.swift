import ArgumentParser
import Foundation
import SynclineCompiler
import SynclineCore
import SynclineEngine
import SynclineRunner
import SynclineSandbox
import SynclineStore

/// `syncline demo`: the whole story on the bundled sample, into a fresh staging database.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run the whole story on the bundled sample: a local Gong sandbox, reference data, users, touchpoints.",
        discussion: """
            Starts the Gong sandbox on 127.0.0.1 serving the bundled sample, loads accounts and contacts from CSV, \
            syncs Gong users to team members and Gong calls to touchpoints over HTTP with the shipped jobs \
            (jobs/gong-users.yaml, jobs/gong-touchpoints.yaml), prints a summary and three queries, and stops the \
            sandbox. The sample's dates are shifted so its newest call is an hour old: the 7-day window always has \
            data, and older calls show how the window filters. No credentials needed; run it from the repository's \
            root (it reads jobs/ and samples/).

            Example:
              syncline demo
              syncline demo --db /tmp/demo.db
              syncline demo --runner          then the runner and its status page, until Ctrl-C
            """
    )

    @Option(help: "The staging database to create (default: syncline-demo.db, recreated on each run).")
    var db: String?

    @Flag(help: "Then keep the sandbox up and run the runner with its status page until Ctrl-C.")
    var runner = false

    @Option(help: ArgumentHelp("Where the runner's status page listens, with --runner.", valueName: "host:port"))
    var http = "127.0.0.1:9464"

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let samples = directory.appendingPathComponent("samples")
        guard FileManager.default.fileExists(atPath: samples.appendingPathComponent("manifest.json").path),
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("jobs").path)
        else {
            throw ValidationError("run the demo from the repository's root: it reads jobs/ and samples/")
        }
        let path = db ?? "syncline-demo.db"
        if FileManager.default.fileExists(atPath: path) {
            guard db == nil else {
                throw ValidationError("'\(path)' exists; the demo needs a fresh database: choose another --db")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let shifted = try SampleShift.prepare(samples: samples, now: Date())
        defer { try? FileManager.default.removeItem(at: shifted.directory) }
        Output.line(
            "sample: \(shifted.callFiles) call pages, dates shifted by \(DurationText.format(.seconds(shifted.shift))) so the newest call is an hour old"
        )

        let jobs = ["accounts", "contacts", "gong-users", "gong-touchpoints"]
        let compilations = JobFiles.compile(jobs.map { "jobs/\($0).yaml" }, project: try project.load())
        guard compilations.allSatisfy(\.isValid) else {
            JobFiles.report(compilations, project: nil, format: .text)
            throw ExitCode(1)
        }
        let store = try StagingStore(path: path)
        for compilation in compilations {
            guard let compiled = compilation.compiled else { continue }
            _ = try store.apply(compiled, sourceFile: compilation.file, now: Date())
        }
        Output.line("applied \(jobs.count) jobs to \(path)")
        let sandbox = GongSandbox(
            data: try GongSandboxData.load(directory: shifted.directory.appendingPathComponent("gong")),
            configuration: GongSandboxConfiguration(accessKey: "sandbox", accessKeySecret: "sandbox")
        )
        let logger = CommandLineLogging.bootstrap(verbose: false)
        try await sandbox.serving { port in
            Output.line("gong sandbox listening on http://127.0.0.1:\(port)")
            var environment = ProcessInfo.processInfo.environment
            environment.merge(shifted.environment) { _, demo in demo }
            environment["GONG_BASE_URL"] = "http://127.0.0.1:\(port)"
            environment["GONG_ACCESS_KEY"] = "sandbox"
            environment["GONG_ACCESS_KEY_SECRET"] = "sandbox"
            let engine = EngineWiring.engine(store: store, logger: logger, environment: environment)
            for job in jobs {
                Output.line(RunSummary.line(try await engine.sync(job: job)))
            }
            guard runner else { return }
            let port = Int(http.split(separator: ":").last ?? "") ?? 9464
            Output.line("runner: the jobs run on their schedules; Ctrl-C stops it (and the sandbox)")
            try await RunnerProcess.run(
                store: store, engine: engine,
                configuration: RunnerConfiguration(instanceZone: try project.load().instanceTimeZone),
                listener: .init(host: "127.0.0.1", port: port), environment: environment, logger: logger
            ) { port in
                Output.line("status page on http://127.0.0.1:\(port)/")
            }
        }
        Output.line("gong sandbox stopped")
        let reader = try StagingStore(readingFrom: path)
        let counts =
            try reader.query(
                "SELECT (SELECT count(*) FROM touchpoints), (SELECT count(*) FROM rejected_records), (SELECT count(*) FROM accounts), (SELECT count(*) FROM team_members)"
            ).rows.first ?? []
        Output.line(
            "\nstaging database \(path): \(counts[0] ?? "0") touchpoints, \(counts[1] ?? "0") rejected calls, "
                + "\(counts[2] ?? "0") accounts, \(counts[3] ?? "0") team members"
        )
        let database = db.map { " --db \($0)" } ?? " --db syncline-demo.db"
        Output.line(
            """

            Try these (or open it with: sqlite3 \(path)):
              syncline query\(database) "SELECT account_name, touchpoints, last_touchpoint FROM account_touchpoint_counts ORDER BY touchpoints DESC LIMIT 5"
              syncline query\(database) "SELECT touchpoint_date, subject, created_by_name, participant_count FROM touchpoints_overview ORDER BY touchpoint_date DESC LIMIT 5"
              syncline rejected gong-touchpoints\(database)
            """
        )
    }
}

/// Copies the sample with every date-time shifted so its anchor becomes an hour ago.
enum SampleShift {
    struct Prepared {
        var directory: URL
        var environment: [String: String]
        var shift: Int64
        var callFiles: Int
    }

    static func prepare(samples: URL, now: Date) throws -> Prepared {
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: samples.appendingPathComponent("manifest.json")))
        guard let anchorText = (manifest as? [String: Any])?["anchor"] as? String, let anchor = Instant.date(anchorText)
        else {
            throw ValidationError("samples/manifest.json has no 'anchor' instant")
        }
        let shift = Int64(now.timeIntervalSince(anchor) - 3600) / 60 * 60
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "syncline-demo-\(UUID().uuidString)")
        let calls = directory.appendingPathComponent("gong/calls")
        try FileManager.default.createDirectory(at: calls, withIntermediateDirectories: true)
        let pages = try FileManager.default.contentsOfDirectory(
            atPath: samples.appendingPathComponent("gong/calls").path
        )
        .filter { $0.hasSuffix(".json") }.sorted()
        for page in pages {
            let text = try String(contentsOf: samples.appendingPathComponent("gong/calls/\(page)"), encoding: .utf8)
            try Data(shiftDates(in: text, bySeconds: shift).utf8).write(to: calls.appendingPathComponent(page))
        }
        let users = try String(contentsOf: samples.appendingPathComponent("gong/users.json"), encoding: .utf8)
        try Data(users.utf8).write(to: directory.appendingPathComponent("gong/users.json"))
        return Prepared(
            directory: directory,
            environment: [
                "ACCOUNTS_CSV": samples.appendingPathComponent("accounts.csv").path,
                "CONTACTS_CSV": samples.appendingPathComponent("contacts.csv").path,
                "GONG_USERS_FILE": directory.appendingPathComponent("gong/users.json").path,
                "GONG_EXPORT_DIR": calls.path,
            ],
            shift: shift, callFiles: pages.count
        )
    }

    /// Every quoted ISO-8601 date-time in `text` moved by `seconds`, written in its original offset.
    static func shiftDates(in text: String, bySeconds seconds: Int64) -> String {
        let pattern = #""(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})""#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        var result = ""
        var last = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let whole = source.substring(with: match.range).dropFirst().dropLast()
            let fraction = match.range(at: 2).location == NSNotFound ? "" : source.substring(with: match.range(at: 2))
            let zone = source.substring(with: match.range(at: 3))
            guard let instant = Instant.milliseconds(String(whole)) else {
                result += source.substring(with: match.range)
                last = match.range.location + match.range.length
                continue
            }
            var offset: Int64 = 0
            if zone != "Z" {
                let sign: Int64 = zone.hasPrefix("-") ? -1 : 1
                let parts = zone.dropFirst().split(separator: ":").compactMap { Int64($0) }
                offset = sign * (parts[0] * 3600 + parts[1] * 60)
            }
            let local = Instant.utcText(milliseconds: instant + seconds * 1000 + offset * 1000).dropLast()
            result += "\"\(local)\(fraction)\(zone)\""
            last = match.range.location + match.range.length
        }
        result += source.substring(from: last)
        return result
    }
}
