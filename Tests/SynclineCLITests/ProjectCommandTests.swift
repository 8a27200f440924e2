import Foundation
import SynclineTestSupport
import Testing

/// The project file, preview before saving and `connections`, as a user runs them against the Gong sandbox.
@Suite("The project file, preview and connections, end to end")
struct ProjectCommandTests {
    private static let root = RepositoryPaths.root()
    private static let secret = "Pv7-preview-secret-Q2"

    /// A working folder like an integrator's checkout: the shipped project, Gong jobs and template, and an
    /// accounts CSV knowing two of the sandbox's customer domains.
    private static func checkout() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for file in [
            "syncline.yaml", "jobs/gong-touchpoints.yaml", "jobs/gong-users.yaml", "jobs/accounts.yaml",
            "jobs/templates/gong-touchpoints.yaml",
        ] {
            try directory.write(try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8), to: file)
        }
        try directory.write(
            "account_id,account_name,domain\nA1,Acme Analytics,acme-analytics.example\nG2,Globex,globex.example\n",
            to: "accounts.csv")
        return directory
    }

    /// A checkout, and the Gong sandbox serving `calls` generated calls with the test's credentials.
    private struct Session {
        let directory: TemporaryDirectory
        let sandbox: SandboxProcess
        var environment: [String: String]

        init(calls: Int) throws {
            directory = try ProjectCommandTests.checkout()
            sandbox = try SandboxProcess(
                ["--calls", "\(calls)"],
                environment: ["GONG_ACCESS_KEY": "key-id", "GONG_ACCESS_KEY_SECRET": ProjectCommandTests.secret])
            environment = [
                "GONG_BASE_URL": sandbox.url, "GONG_ACCESS_KEY": "key-id",
                "GONG_ACCESS_KEY_SECRET": ProjectCommandTests.secret, "ACCOUNTS_CSV": directory.path("accounts.csv"),
                "SYNCLINE_DB": directory.path("staging.db"),
            ]
        }

        /// `syncline arguments…` in the checkout, against the sandbox.
        func run(_ arguments: String...) throws -> CommandLineRun {
            try CommandLineRun.syncline(arguments, in: directory.url, environment: environment)
        }
    }

    @Test(
        "preview of a job file before any apply shows would create, would skip and would reject, and counts its requests"
    )
    func previewBeforeApply() throws {
        let session = try Session(calls: 120)
        let directory = session.directory
        let run = session.run
        // Reference data, and yesterday's calls imported by another job: what the preview finds already there.
        try directory.write(
            try String(contentsOf: directory.url.appendingPathComponent("jobs/gong-touchpoints.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "job: gong-touchpoints\n", with: "")
                + "sync: {initial_backfill: 2d}\n", to: "jobs/yesterday.yaml")
        #expect(try run("apply", "jobs/accounts.yaml", "jobs/gong-users.yaml", "jobs/yesterday.yaml").status == 0)
        let loaded = try run("sync", "accounts", "gong-users", "yesterday")
        #expect(loaded.status == 0, "\(loaded.stderr)")

        func requestsCounted() throws -> Int {
            let result = try run(
                "query", "--format", "csv", "SELECT coalesce(sum(requests), 0) FROM api_request_counts")
            return Int(result.stdout.split(separator: "\n").last ?? "") ?? -1
        }
        let before = try requestsCounted()
        let preview = try run("preview", "jobs/gong-touchpoints.yaml", "--limit", "200")
        #expect(preview.status == 0, "\(preview.stderr)")
        let out = preview.stdout
        #expect(out.hasPrefix("gong-touchpoints (jobs/gong-touchpoints.yaml, not applied): window "))
        #expect(out.contains(": would create\n"))
        #expect(out.contains(": would skip (exists: its key is already in the staging database)\n"))
        #expect(out.contains(": would reject [no-recognised-participant]: no participant matches"))
        let lines = out.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  subject ") && $0.hasSuffix("  [locked]") })
        #expect(lines.contains { $0.hasPrefix("  flow ") && $0.hasSuffix(" default  [default]") })
        let counts = try #require(out.split(separator: "\n").last.map(String.init))
        #expect(counts.contains(" would create, "))
        #expect(counts.contains("(counted against today's budget)"))
        // Nothing was applied, and the requests were counted.
        #expect(try run("jobs").stdout.contains("gong-touchpoints") == false)
        let made = counts.split(separator: ";").last.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        #expect(made >= 1)
        #expect(try requestsCounted() == before + made)

        let raw = try run("preview", "jobs/gong-touchpoints.yaml", "--raw", "--limit", "1")
        #expect(raw.stdout.contains("  {\n    \"metaData\": {\n"))
        #expect(raw.stdout.contains("\"emailAddress\": "))
        #expect(!(out + raw.stdout + preview.stderr + raw.stderr).contains(Self.secret))
    }

    @Test("a job using the project's connection syncs, and changing the connection gives it a new version")
    func connectionFromProject() throws {
        let session = try Session(calls: 30)
        let directory = session.directory
        let run = session.run
        #expect(try run("apply", "jobs/gong-touchpoints.yaml").stdout.contains("gong-touchpoints: created version 1"))
        let sync = try run("sync", "gong-touchpoints")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("gong-touchpoints: succeeded"))
        let project = try String(contentsOf: directory.url.appendingPathComponent("syncline.yaml"), encoding: .utf8)
        try directory.write(
            project.replacingOccurrences(of: "daily_request_budget: 9000", with: "daily_request_budget: 800"),
            to: "syncline.yaml")
        #expect(
            try run("apply", "jobs/gong-touchpoints.yaml").stdout.contains("gong-touchpoints: updated to version 2"))
        #expect(try run("plan", "gong-touchpoints").stdout.contains("  daily request budget: 800"))
        // Another project file, named on the command line, is the one that counts.
        let elsewhere = try TemporaryDirectory()
        try elsewhere.write(
            project.replacingOccurrences(
                of: "connections:", with: "connections:\n  other: {connector: gong, secrets: {bearer_token: {env: T}}}"),
            to: "syncline.yaml")
        let named = try run("connections", "--project", elsewhere.path("syncline.yaml"))
        #expect(named.stdout.contains("  other: gong https://api.gong.io"))
    }

    @Test("connections test says ok, or the status with Gong's requestId and what to do, and never the secret")
    func connectionsTest() throws {
        var session = try Session(calls: 10)
        let ok = try session.run("connections", "test")
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("gong: ok (GET /v2/users on 127.0.0.1 answered in "))
        session.environment["GONG_ACCESS_KEY_SECRET"] = "wrong-" + Self.secret
        let refused = try session.run("connections", "test", "gong")
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("gong: failed: forbidden: Gong denied access (403"))
        #expect(refused.stdout.contains("(request "))
        #expect(!(refused.stdout + refused.stderr).contains(Self.secret))
        session.environment["GONG_ACCESS_KEY"] = nil
        let unset = try session.run("connections", "test")
        #expect(unset.status == 1)
        #expect(unset.stdout.contains("GONG_ACCESS_KEY, which is not set"))
        let unknown = try session.run("connections", "test", "gnog")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no connection 'gnog' in syncline.yaml; did you mean 'gong'?"))
    }

    @Test("status and plan name the instance's time zone: the project's, else the machine's")
    func instanceTimeZone() throws {
        let directory = try Self.checkout()
        func run(_ arguments: String...) throws -> CommandLineRun {
            try CommandLineRun.syncline(
                arguments, in: directory.url, environment: ["SYNCLINE_DB": directory.path("s.db")])
        }
        #expect(try run("apply", "jobs/accounts.yaml").status == 0)
        #expect(try run("status").stdout.contains("0 23 * * * in "))
        #expect(try run("status").stdout.contains(", the instance's time zone (this machine's))"))
        let project = try String(contentsOf: directory.url.appendingPathComponent("syncline.yaml"), encoding: .utf8)
        try directory.write(
            project.replacingOccurrences(of: "  # timezone: Europe/Paris", with: "  timezone: America/Denver"),
            to: "syncline.yaml")
        #expect(
            try run("status").stdout.contains("0 23 * * * in America/Denver, the instance's time zone (syncline.yaml))")
        )
        #expect(
            try run("plan", "accounts").stdout.contains(
                "schedule: 0 23 * * * in America/Denver, the instance's time zone (syncline.yaml)"))
        try directory.write(
            project.replacingOccurrences(of: "  # timezone: Europe/Paris", with: "  timezone: Mars/Olympus"),
            to: "syncline.yaml")
        let invalid = try run("validate", "jobs/accounts.yaml")
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("syncline.yaml:"))
        #expect(invalid.stdout.contains("unknown time zone 'Mars/Olympus'"))
    }
}
