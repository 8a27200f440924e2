import Foundation
import SynclineTestSupport
import Testing

@Suite("The syncline command line, end to end")
struct CommandLineTests {
    private static let root = RepositoryPaths.root()
    private let directory: TemporaryDirectory

    /// A working folder with the shipped project file, Gong job and template, as an integrator's checkout has.
    init() throws {
        directory = try TemporaryDirectory()
        for file in ["syncline.yaml", "jobs/gong-touchpoints.yaml", "jobs/templates/gong-touchpoints.yaml"] {
            try directory.write(
                try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8), to: file)
        }
    }

    private func run(_ arguments: String...) throws -> CommandLineRun {
        try CommandLineRun.syncline(arguments, in: directory.url)
    }

    @Test("--help teaches: an abstract, examples and the exit statuses")
    func help() throws {
        let result = try run("--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Embedded-database ETL"))
        #expect(result.stdout.contains("syncline validate jobs/*.yaml"))
        #expect(
            result.stdout.contains("Exit status: 0 success, 1 invalid job files or a failed command, 2 wrong usage."))
        let validate = try run("validate", "--help")
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("path:line:column: error: message [code]"))
    }

    @Test("validate exits 0 for valid files, 1 for invalid ones and 2 for wrong usage")
    func exitStatuses() throws {
        let valid = try run("validate", "jobs/gong-touchpoints.yaml", "jobs/templates/gong-touchpoints.yaml")
        #expect(valid.status == 0)
        #expect(valid.stdout == "3 files valid\n")  // the two named, and the project file found beside them
        try directory.write("version: 1\nsource: {connector: gong, object: calls\n", to: "jobs/broken.yaml")
        let invalid = try run("validate", "jobs/broken.yaml")
        #expect(invalid.status == 1)
        #expect(
            invalid.stdout.hasPrefix(
                "jobs/broken.yaml:2:9: error: while parsing a flow mapping: did not find expected ',' or '}' [yaml-syntax]\n"
            ))
        #expect(try run("validate").status == 2)
        #expect(try run("validate", "--frmat", "json", "jobs/broken.yaml").status == 2)
        #expect(try run("frobnicate").status == 2)
    }

    @Test("re-mapping a locked attribute points at the job line and at the template line that locked it")
    func lockedAttribute() throws {
        let job = try String(
            contentsOf: directory.url.appendingPathComponent("jobs/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(
            job.replacingOccurrences(
                of: "  touchpoint_id: metaData.id\n",
                with: "  touchpoint_id: metaData.id\n  subject: metaData.purpose\n"), to: "jobs/gong-touchpoints.yaml")
        let result = try run("validate", "jobs/gong-touchpoints.yaml")
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                jobs/gong-touchpoints.yaml:12:12: error: 'subject' is locked by template 'gong-touchpoints' and cannot be re-mapped [locked-attribute]
                    subject: metaData.purpose
                             ^
                jobs/templates/gong-touchpoints.yaml:19:3: note: locked here
                    subject: metaData.title
                    ^
                2 files checked: 1 invalid, 1 error

                """
        )
    }

    @Test("--format json reports the same diagnostics as data")
    func jsonFormat() throws {
        try directory.write(
            "version: 1\nextends: gong-touchpoints\nmapping:\n  touchpoint_id: metaData.titel\n", to: "jobs/typo.yaml")
        let result = try run("validate", "--format", "json", "jobs/typo.yaml")
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.map { $0["kind"] as? String } == ["project", "job"])
        let diagnostics = try #require(files.last?["diagnostics"] as? [[String: Any]])
        let codes = diagnostics.compactMap { $0["code"] as? String }
        #expect(codes.contains("unknown-field"))
        let typo = try #require(diagnostics.first { $0["code"] as? String == "unknown-field" })
        #expect(typo["message"] as? String == "unknown field 'metaData.titel'; did you mean 'metaData.title'?")
        let location = try #require(typo["location"] as? [String: Any])
        #expect(location["file"] as? String == "jobs/typo.yaml")
        #expect(location["line"] as? Int == 4)
        #expect(location["column"] as? Int == 18)
    }

    @Test("apply stores one version per change, and the plan is visible with plain sqlite3")
    func applyVersions() throws {
        let first = try run("apply", "jobs/gong-touchpoints.yaml", "--db", "staging.db")
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("gong-touchpoints: created version 1, plan "))
        #expect(
            try run("apply", "jobs/gong-touchpoints.yaml", "--db", "staging.db").stdout
                == "gong-touchpoints: unchanged at version 1\n")
        let job = try String(
            contentsOf: directory.url.appendingPathComponent("jobs/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(
            job.replacingOccurrences(of: "enabled: true", with: "enabled: false"), to: "jobs/gong-touchpoints.yaml")
        let edited = try run("apply", "jobs/gong-touchpoints.yaml", "--db", "staging.db")
        #expect(edited.stdout.hasPrefix("gong-touchpoints: updated to version 2, plan "))
        #expect(edited.stdout.hasSuffix(" (disabled: never scheduled)\n"))

        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            directory.path("staging.db"), "SELECT job, version, is_enabled, write_mode FROM plans ORDER BY version",
        ]
        let pipe = Pipe()
        sqlite.standardOutput = pipe
        try sqlite.run()
        sqlite.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output == "gong-touchpoints|1|1|create_only\ngong-touchpoints|2|0|create_only\n")
    }

    @Test("an invalid file among several applies nothing")
    func applyIsAllOrNothing() throws {
        try directory.write("version: 1\nextends: gong-touchpoints\n", to: "jobs/incomplete.yaml")
        let result = try run("apply", "jobs/gong-touchpoints.yaml", "jobs/incomplete.yaml", "--db", "staging.db")
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("nothing applied\n"))
        #expect(
            try run("jobs", "--db", "staging.db").stdout
                == "no jobs in staging.db; store some with 'syncline apply jobs/*.yaml'\n")
    }

    @Test("jobs and plan show what was applied, locks and requirements marked, secrets only by name")
    func jobsAndPlan() throws {
        _ = try CommandLineRun.syncline(
            ["apply", "jobs/gong-touchpoints.yaml"], in: directory.url, environment: ["SYNCLINE_DB": "env.db"])
        let jobs = try CommandLineRun.syncline(["jobs"], in: directory.url, environment: ["SYNCLINE_DB": "env.db"])
        #expect(
            jobs.stdout.contains("JOB               VERSION  ENABLED  SOURCE      TARGET      MODE         SCHEDULE"))
        #expect(
            jobs.stdout.contains(
                "gong-touchpoints  1        yes      gong.calls  touchpoint  create_only  0 23 * * * (instance)"))
        let plan = try run("plan", "gong-touchpoints", "--db", "env.db")
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("  subject          metaData.title  [locked by gong-touchpoints]"))
        #expect(plan.stdout.contains("  account_id       {resolve: account, from: parties[].emailAddress}  [required]"))
        #expect(plan.stdout.contains("  secret access_key_secret: env GONG_ACCESS_KEY_SECRET"))
        #expect(plan.stdout.contains("sync: cursor metaData.started, first run reads 7d, lookback 1d"))
        #expect(plan.stdout.contains("  flow             {const: default}  [default]"))
        #expect(plan.stdout.contains("  daily request budget: 9000"))
        let missing = try run("plan", "nope", "--db", "env.db")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no job 'nope' in env.db; see 'syncline jobs'"))
    }

    @Test("a literal secret, in the project file or a job, is reported without ever being printed")
    func literalSecretNeverPrinted() throws {
        let project = try String(contentsOf: directory.url.appendingPathComponent("syncline.yaml"), encoding: .utf8)
        try directory.write(
            project.replacingOccurrences(of: "{env: GONG_ACCESS_KEY_SECRET}", with: "s3cr3t-v4lue-123"),
            to: "syncline.yaml")
        for format in ["text", "json"] {
            let result = try run("validate", "--format", format, "jobs/gong-touchpoints.yaml")
            #expect(result.status == 1)
            #expect(result.stdout.contains("literal-secret"))
            #expect(
                result.stdout.contains(
                    format == "text"
                        ? "error: secret 'access_key_secret' is written in the file" : "\"file\" : \"syncline.yaml\""))
            #expect(!(result.stdout + result.stderr).contains("s3cr3t"))
        }
        try directory.write(project, to: "syncline.yaml")
        let job = try String(
            contentsOf: directory.url.appendingPathComponent("jobs/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(
            job.replacingOccurrences(
                of: "connection: gong ",
                with: "connection:\n  name: inline\n  connector: gong\n  secrets: {bearer_token: s3cr3t-v4lue-123}\n#"),
            to: "jobs/gong-touchpoints.yaml")
        let result = try run("validate", "jobs/gong-touchpoints.yaml")
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "jobs/gong-touchpoints.yaml:11:27: error: secret 'bearer_token' is written in the file"))
        #expect(!(result.stdout + result.stderr).contains("s3cr3t"))
    }

    @Test("schema prints a JSON Schema for editors")
    func schema() throws {
        let result = try run("schema")
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["title"] as? String == "Syncline job (version 1)")
    }
}
