import Foundation
import SynclineStore
import SynclineTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("A killed sync loses nothing")
struct KillTests {
    private static let root = RepositoryPaths.root()

    @Test(
        "SIGKILL mid-sync, then a rerun: exactly the right touchpoints, none twice, the killed run marked interrupted")
    func killAndRerun() throws {
        let directory = try TemporaryDirectory()
        for file in ["jobs/accounts.yaml", "jobs/gong-export-touchpoints.yaml", "jobs/templates/gong-touchpoints.yaml"]
        {
            try directory.write(
                try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8), to: file)
        }
        try directory.write("account_id,account_name,domain\nA1,Acme,acme.example\n", to: "accounts.csv")
        let expected = try GongExport.write(to: directory, pages: 300)
        let environment = ["ACCOUNTS_CSV": "accounts.csv", "GONG_EXPORT_DIR": "export", "SYNCLINE_DB": "staging.db"]
        let apply = try CommandLineRun.syncline(
            ["apply", "jobs/accounts.yaml", "jobs/gong-export-touchpoints.yaml"], in: directory.url,
            environment: environment
        )
        #expect(apply.status == 0)
        #expect(
            try CommandLineRun.syncline(["sync", "accounts"], in: directory.url, environment: environment).status == 0)

        let process = Process()
        process.executableURL = CommandLineRun.executable
        process.arguments = ["sync", "gong-export-touchpoints"]
        process.currentDirectoryURL = directory.url
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = directory.url.appendingPathComponent("sync.stdout")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        let errors = directory.url.appendingPathComponent("sync.stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()

        // Wait (bounded) until some batches are committed but not all, then kill without warning. The loop blocks
        // its thread on purpose: an `await` here could leave it unscheduled while other tests hold the pool.
        let store = try StagingStore(readingFrom: directory.path("staging.db"))
        var committed = 0
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            committed =
                Int(try store.query("SELECT count(*) FROM touchpoints").rows.first?.first??.description ?? "0") ?? 0
            if committed > 0 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let stdout = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(
            process.terminationReason == .uncaughtSignal,
            "the sync ended by itself with status \(process.terminationStatus): \(stdout) \(stderr)"
        )
        #expect(
            committed > 0 && committed < expected.count,
            "the kill landed mid-sync (\(committed) of \(expected.count) committed)")
        #expect(
            try store.query("SELECT status FROM sync_runs WHERE job = 'gong-export-touchpoints'").rows == [["running"]])
        #expect(try store.jobState(of: "gong-export-touchpoints").watermark == nil)

        let rerun = try CommandLineRun.syncline(
            ["sync", "gong-export-touchpoints"], in: directory.url, environment: environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let ids = try store.query("SELECT touchpoint_id FROM touchpoints").rows.compactMap { $0[0] }
        #expect(ids.count == expected.count)
        #expect(Set(ids) == expected)
        #expect(
            try store.query("SELECT status FROM sync_runs WHERE job = 'gong-export-touchpoints' ORDER BY run_id").rows
                == [["interrupted"], ["succeeded"]]
        )
        #expect(try store.jobState(of: "gong-export-touchpoints").watermark != nil)
    }
}
