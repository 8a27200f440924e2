import Foundation
import SynclineStore
import SynclineTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `syncline runner` as real processes on one staging database: catch-up, graceful stops, two runners and a
/// manual sync at once, a runner killed mid-sync.
///
/// The waits block their thread on purpose (as in `KillTests`): an `await` could leave them unscheduled while
/// other tests hold the pool, and the processes would finish before the test looked.
@Suite("The runner as processes")
struct RunnerProcessTests {
    private static let root = RepositoryPaths.root()
    private static let job = "gong-export-touchpoints"

    /// A checkout with accounts synced and the Gong export job applied over `pages` saved pages, its 23:00 slot
    /// an hour ago as if no runner had been up then.
    struct Checkout {
        let directory: TemporaryDirectory
        let expected: Set<String>
        let environment: [String: String]
        let store: StagingStore

        init(pages: Int = 300) throws {
            directory = try TemporaryDirectory()
            for file in [
                "jobs/accounts.yaml", "jobs/gong-export-touchpoints.yaml", "jobs/templates/gong-touchpoints.yaml",
            ] {
                try directory.write(
                    try String(contentsOf: RunnerProcessTests.root.appendingPathComponent(file), encoding: .utf8),
                    to: file)
            }
            try directory.write("account_id,account_name,domain\nA1,Acme,acme.example\n", to: "accounts.csv")
            expected = try GongExport.write(to: directory, pages: pages)
            environment = ["ACCOUNTS_CSV": "accounts.csv", "GONG_EXPORT_DIR": "export", "SYNCLINE_DB": "staging.db"]
            let apply = try CommandLineRun.syncline(
                ["apply", "--no-sync", "jobs/accounts.yaml", "jobs/gong-export-touchpoints.yaml"], in: directory.url,
                environment: environment)
            #expect(apply.status == 0, "\(apply.stderr)")
            let sync = try CommandLineRun.syncline(["sync", "accounts"], in: directory.url, environment: environment)
            #expect(sync.status == 0, "\(sync.stderr)")
            store = try StagingStore(path: directory.path("staging.db"))
            // The job's own store call a runner makes: its next slot, put where a missed slot would be.
            try store.setNextRun(of: RunnerProcessTests.job, at: Date().addingTimeInterval(-3600))
            try store.setNextRun(of: "accounts", at: Date().addingTimeInterval(86_400))
        }

        /// Starts `syncline runner` with `arguments`, its output in files named after `name`.
        func runner(_ name: String, _ arguments: [String] = ["--no-http"]) throws -> Process {
            let process = Process()
            process.executableURL = CommandLineRun.executable
            process.arguments = ["runner"] + arguments
            process.currentDirectoryURL = directory.url
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            for (file, assign) in [("\(name).stdout", 1), ("\(name).stderr", 2)] {
                _ = FileManager.default.createFile(atPath: directory.path(file), contents: nil)
                let handle = try FileHandle(forWritingTo: directory.url.appendingPathComponent(file))
                if assign == 1 { process.standardOutput = handle } else { process.standardError = handle }
            }
            try process.run()
            return process
        }

        /// What runner `name` printed.
        func output(_ name: String) -> String {
            ["stdout", "stderr"].map {
                (try? String(contentsOfFile: directory.path("\(name).\($0)"), encoding: .utf8)) ?? ""
            }
            .joined(separator: "\n")
        }

        func count(_ sql: String) throws -> Int {
            Int(try store.query(sql).rows.first?.first??.description ?? "0") ?? 0
        }

        func touchpoints() throws -> Int { try count("SELECT count(*) FROM touchpoints") }

        /// The job's runs in order: status and trigger.
        func runs() throws -> [[String?]] {
            try store.query(
                "SELECT status, \"trigger\" FROM sync_runs WHERE job = '\(RunnerProcessTests.job)' ORDER BY run_id"
            ).rows
        }

        /// Waits (up to `seconds`) until `condition` holds; false if it never did.
        func wait(seconds: Double = 120, until condition: () throws -> Bool) rethrows -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try condition() { return true }
                usleep(2_000)
            }
            return try condition()
        }

        /// Every touchpoint exactly once.
        func expectComplete() throws {
            let ids = try store.query("SELECT touchpoint_id FROM touchpoints").rows.compactMap { $0[0] }
            let missing = expected.subtracting(ids).count
            let unexpected = Set(ids).subtracting(expected).count
            #expect(ids.count - Set(ids).count == 0, "touchpoints created twice")
            #expect(missing == 0 && unexpected == 0, "\(missing) missing, \(unexpected) unexpected")
        }
    }

    /// Sends `signal` and waits (bounded) for the process to end; false if it had to be killed.
    private static func stop(_ process: Process, with signal: Int32, within seconds: Double = 30) -> Bool {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }

    @Test(
        "a missed slot is caught up at start; a graceful stop mid-sync ends the run cancelled with nothing partial and the watermark unmoved; the next runner finishes it",
        arguments: [SIGTERM, SIGINT])
    func catchUpAndGracefulStop(signal: Int32) throws {
        let checkout = try Checkout()
        let first = try checkout.runner("first")
        #expect(try checkout.wait { try checkout.touchpoints() > 0 || !first.isRunning })
        #expect(Self.stop(first, with: signal), "the runner did not stop within 30 s: \(checkout.output("first"))")
        #expect(first.terminationReason == .exit && first.terminationStatus == 0, "\(checkout.output("first"))")
        #expect(checkout.output("first").contains("runner stopped"))

        let runs = try checkout.runs()
        #expect(runs == [["cancelled", "catch-up"]], "\(checkout.output("first"))")
        let committed = try checkout.touchpoints()
        #expect(committed > 0 && committed < checkout.expected.count, "stopped mid-sync (\(committed) committed)")
        // The run's counters say exactly what was committed: whole batches, nothing half-written.
        #expect(try checkout.count("SELECT created FROM sync_runs WHERE job = '\(Self.job)'") == committed)
        #expect(try checkout.store.jobState(of: Self.job).watermark == nil)
        #expect(try checkout.count("SELECT count(*) FROM runners WHERE stopped_at IS NULL") == 0)
        #expect(try checkout.store.scheduledJobs().first { $0.name == Self.job }?.nextRunAt ?? .distantFuture < Date())

        let second = try checkout.runner("second")
        #expect(try checkout.wait { try checkout.runs().count == 2 && checkout.runs()[1][0] != "running" })
        #expect(Self.stop(second, with: SIGTERM))
        #expect(second.terminationStatus == 0)
        #expect(try checkout.runs() == [["cancelled", "catch-up"], ["succeeded", "catch-up"]])
        try checkout.expectComplete()
        #expect(try checkout.store.jobState(of: Self.job).watermark != nil)
        #expect(try checkout.store.scheduledJobs().first { $0.name == Self.job }?.nextRunAt ?? .distantPast > Date())
    }

    @Test("two runners and a manual sync on one database never run the job twice at once")
    func oneAtATime() throws {
        let checkout = try Checkout()
        let first = try checkout.runner("first", ["--http", "127.0.0.1:0"])
        let second = try checkout.runner("second", ["--http", "127.0.0.1:0"])
        defer {
            for process in [first, second] where process.isRunning { _ = Self.stop(process, with: SIGKILL) }
        }
        var mostAtOnce = 0
        var manual: CommandLineRun?
        let finished = try checkout.wait {
            mostAtOnce = max(
                mostAtOnce, try checkout.count("SELECT count(*) FROM sync_runs WHERE status = 'running'"))
            if manual == nil, try checkout.touchpoints() > 0 {
                manual = try CommandLineRun.syncline(
                    ["sync", Self.job], in: checkout.directory.url, environment: checkout.environment)
            }
            return try checkout.count(
                "SELECT count(*) FROM sync_runs WHERE status = 'succeeded' AND job = '\(Self.job)'")
                == 1
        }
        #expect(finished, "\(checkout.output("first")) \(checkout.output("second"))")
        #expect(mostAtOnce == 1)
        let refused = try #require(manual)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is already syncing"), "\(refused.stdout) \(refused.stderr)")
        #expect(try checkout.runs() == [["succeeded", "catch-up"]])
        try checkout.expectComplete()

        // Both runners are registered, each with the port it really listens on.
        #expect(
            try checkout.wait(seconds: 15) {
                try checkout.count(
                    "SELECT count(*) FROM runners WHERE http LIKE '127.0.0.1:%' AND http <> '127.0.0.1:0'")
                    == 2
            })
        let registered = Set(try checkout.store.query("SELECT http FROM runners").rows.compactMap { $0[0] })
        let printed = Set(
            ["first", "second"].flatMap { name in
                checkout.output(name).split(separator: "\n").compactMap { line in
                    line.hasPrefix("status page on http://") ? String(line.dropFirst(22).dropLast()) : nil
                }
            })
        #expect(registered == printed)
        #expect(Self.stop(first, with: SIGTERM) && Self.stop(second, with: SIGTERM))
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
    }

    @Test("a runner killed mid-sync is taken over: its run marked interrupted, the next runner catches the job up")
    func takeoverAfterKill() throws {
        let checkout = try Checkout()
        let first = try checkout.runner("first")
        #expect(try checkout.wait { try checkout.touchpoints() > 0 || !first.isRunning })
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal, "\(checkout.output("first"))")
        #expect(try checkout.runs() == [["running", "catch-up"]])
        #expect(try checkout.touchpoints() < checkout.expected.count)

        let second = try checkout.runner("second")
        defer { if second.isRunning { _ = Self.stop(second, with: SIGKILL) } }
        #expect(try checkout.wait { try checkout.runs().last?[0] == "succeeded" }, "\(checkout.output("second"))")
        #expect(try checkout.runs() == [["interrupted", "catch-up"], ["succeeded", "catch-up"]])
        try checkout.expectComplete()
        #expect(Self.stop(second, with: SIGTERM))
        #expect(second.terminationStatus == 0)
    }
}
