import Foundation
import SynclineTestSupport
import Testing

/// Analysts read the staging database with tools that set no busy timeout (the plain `sqlite3` shell): a sync
/// that starts, runs or ends must never make them see "database is locked".
@Suite("Readers without a busy timeout while syncs start, run and end")
struct ReaderTests {
    private static let root = RepositoryPaths.root()

    /// The analysts' shell, installed by `.ci/run`; a test that needs it fails (never skips) where it is missing.
    private static func sqlite3() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let found = path.split(separator: ":").map {
            URL(fileURLWithPath: String($0)).appendingPathComponent("sqlite3")
        }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "the sqlite3 shell is missing: run .ci/run, or apt-get install -y sqlite3")
    }

    /// The bundled sample's jobs and files, read from the repository, into the database at `database`.
    private static func environment(database: String) -> [String: String] {
        [
            "SYNCLINE_DB": database,
            "ACCOUNTS_CSV": root.appendingPathComponent("samples/accounts.csv").path,
            "CONTACTS_CSV": root.appendingPathComponent("samples/contacts.csv").path,
            "GONG_USERS_FILE": root.appendingPathComponent("samples/gong/users.json").path,
            "GONG_EXPORT_DIR": root.appendingPathComponent("samples/gong/calls").path,
        ]
    }

    /// Applies the sample's jobs and loads its reference data.
    private static func prepare(_ environment: [String: String]) throws {
        let apply = try CommandLineRun.syncline(
            [
                "apply", "jobs/accounts.yaml", "jobs/contacts.yaml", "jobs/gong-export-users.yaml",
                "jobs/gong-export-touchpoints.yaml",
            ], in: root, environment: environment)
        try #require(apply.status == 0, "\(apply.stderr)")
        let sync = try CommandLineRun.syncline(
            ["sync", "accounts", "contacts", "gong-export-users"], in: root, environment: environment)
        try #require(sync.status == 0, "\(sync.stderr)")
    }

    /// Runs the `sqlite3` shell once on `database` and returns what it printed (stdout and stderr).
    private static func shell(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = try sqlite3()
        process.arguments = [database, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("a sync's exit leaves the -wal file in place (no exclusive lock to delete it) and the database intact")
    func walSurvivesExit() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("staging.db")
        let environment = Self.environment(database: database)
        try Self.prepare(environment)
        let sync = try CommandLineRun.syncline(
            ["sync", "gong-export-touchpoints", "--since", "2020-01-01T00:00:00Z"], in: Self.root,
            environment: environment)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: database + "-wal"),
            "the sync's last connection checkpointed and deleted the -wal file on close")
        // `syncline query` opens it read-only and, closing, leaves it in place too.
        let query = try CommandLineRun.syncline(
            ["query", "--format", "csv", "PRAGMA integrity_check"], in: Self.root, environment: environment)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout == "integrity_check\nok\n")
        #expect(FileManager.default.fileExists(atPath: database + "-wal"))
        #expect(try Self.shell(database, "PRAGMA integrity_check") == "ok\n")
        #expect(try Self.shell(database, "SELECT count(*) FROM touchpoints") != "0\n")
    }

    @Test("the sqlite3 shell, polling in a loop while several syncs start, run and end, is never refused")
    func shellPollingDuringSyncs() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("staging.db")
        let environment = Self.environment(database: database)
        try Self.prepare(environment)

        // One shell process per poll, every 10 ms, as a script or a dashboard does: each opens, reads and closes, so
        // between polls the sync is often the database's only connection, and its exit the last close.
        let stop = directory.path("stop")
        let log = directory.url.appendingPathComponent("reader.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = [
            "-c", #"while [ ! -e "$3" ]; do "$1" "$2" 'SELECT count(*) FROM touchpoints' 2>&1; sleep 0.01; done"#,
            "reader",
            try Self.sqlite3().path, database, stop,
        ]
        reader.standardOutput = try FileHandle(forWritingTo: log)
        try reader.run()
        defer { if reader.isRunning { reader.terminate() } }

        let runs = 8
        for run in 0..<runs {
            let sync = try CommandLineRun.syncline(
                ["sync", "gong-export-touchpoints", "--since", "2020-01-01T00:00:00Z"], in: Self.root,
                environment: environment)
            #expect(sync.status == 0, "sync \(run + 1) of \(runs): \(sync.stderr)")
        }
        _ = FileManager.default.createFile(atPath: stop, contents: nil)
        let deadline = Date().addingTimeInterval(10)
        while reader.isRunning, Date() < deadline { usleep(10_000) }
        #expect(!reader.isRunning, "the reader loop did not stop within 10 s")

        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let refused = lines.filter { $0.contains("database is locked") }
        #expect(refused.isEmpty, "\(refused.count) of \(lines.count) reads were refused: \(refused.prefix(3))")
        let other = lines.filter { Int($0) == nil && !$0.contains("database is locked") }
        #expect(other.isEmpty, "unexpected reader output: \(other.prefix(3))")
        #expect(lines.count >= runs, "the reader polled only \(lines.count) times during \(runs) syncs")
    }
}
