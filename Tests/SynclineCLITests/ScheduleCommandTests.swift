import Foundation
import SynclineTestSupport
import Testing

/// `syncline schedule`, as a user runs it on a job file and on an applied job.
@Suite("syncline schedule")
struct ScheduleCommandTests {
    private static func job(_ schedule: String) -> String {
        """
        version: 1
        source: {connector: file, object: csv, path: accounts.csv, fields: {account_id: string}}
        target: {object: account, mode: upsert}
        mapping: {account_id: account_id}
        schedule: \(schedule)
        """
    }

    private static func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> CommandLineRun {
        try CommandLineRun.syncline(
            ["schedule"] + arguments + ["--db", directory.path("staging.db")], in: directory.url)
    }

    @Test("a file's next instants cross a spring-forward gap once, at the first valid instant after it")
    func springForward() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.job(#"{cron: "30 2 * * *", timezone: America/Los_Angeles}"#), to: "jobs/nightly.yaml")
        let run = try Self.run(["jobs/nightly.yaml", "--next", "3", "--from", "2027-03-13T00:00"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "2027-03-13T02:30:00-08:00\n2027-03-14T03:00:00-07:00\n2027-03-15T02:30:00-07:00\n")
        #expect(run.stderr == "nightly: '30 2 * * *' in America/Los_Angeles\n")
    }

    @Test("a time repeated by a fall-back runs at its first occurrence only")
    func fallBack() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.job(#"{cron: "30 1 * * *", timezone: America/Los_Angeles}"#), to: "jobs/nightly.yaml")
        let run = try Self.run(
            ["jobs/nightly.yaml", "--next", "2", "--from", "2027-11-07T00:00:00-07:00"], in: directory)
        #expect(run.stdout == "2027-11-07T01:30:00-07:00\n2027-11-08T01:30:00-08:00\n")
    }

    @Test("an applied job defaults to 23:00 in the instance's zone, five instants, from a UTC instant")
    func appliedDefault() throws {
        let directory = try TemporaryDirectory()
        try directory.write("version: 1\ninstance: {timezone: Europe/Paris}\n", to: "syncline.yaml")
        try directory.write(Self.job("{enabled: false}"), to: "jobs/accounts.yaml")
        try directory.write("account_id\nA1\n", to: "accounts.csv")
        let apply = try CommandLineRun.syncline(
            ["apply", "jobs/accounts.yaml", "--db", directory.path("staging.db")], in: directory.url)
        #expect(apply.status == 0, "\(apply.stderr)")
        let run = try Self.run(["accounts", "--from", "2027-03-26T21:30:00Z"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == """
                2027-03-26T23:00:00+01:00
                2027-03-27T23:00:00+01:00
                2027-03-28T23:00:00+02:00
                2027-03-29T23:00:00+02:00
                2027-03-30T23:00:00+02:00

                """)
        #expect(
            run.stderr
                == "accounts: '0 23 * * *' in Europe/Paris (disabled: the runner does not run it; 'syncline enable')\n")
    }

    @Test(
        "mistakes are explained",
        arguments: [
            (["nope"], 2, "error: no job 'nope' in "),
            (["jobs/never.yaml"], 1, "jobs/never.yaml:5:19: error: '0 0 31 4 *' never fires: no date has that day"),
            (["jobs/nightly.yaml", "--from", "soon"], 2, "error: --from 'soon' is not an ISO-8601 instant: give "),
            (["jobs/nightly.yaml", "--next", "0"], 2, "Error: --next must be between 1 and 1000"),
        ])
    func mistakes(arguments: [String], status: Int32, message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.job(#"{cron: "0 0 31 4 *"}"#), to: "jobs/never.yaml")
        try directory.write(Self.job(#"{cron: "0 2 * * *"}"#), to: "jobs/nightly.yaml")
        let run = try Self.run(arguments, in: directory)
        #expect(run.status == status)
        // A job file's problems are a report on standard output, as `validate` prints them; the rest are errors.
        #expect((run.stdout + run.stderr).contains(message), "\(run.stdout) \(run.stderr)")
        #expect(status == 1 ? run.stderr.isEmpty : run.stdout.isEmpty)
    }

    @Test("validate warns, at the cron, about times a daylight-saving change skips or repeats, and exits 0")
    func validateWarns() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.job(#"{cron: "30 2 * * *", timezone: Europe/Berlin}"#), to: "jobs/nightly.yaml")
        let run = try CommandLineRun.syncline(["validate", "jobs/nightly.yaml"], in: directory.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("jobs/nightly.yaml:5:19: warning: schedule '30 2 * * *': on "))
        #expect(run.stdout.contains("02:30 does not exist in Europe/Berlin (clocks go from 02:00 to 03:00)"))
        #expect(run.stdout.contains("02:30 happens twice in Europe/Berlin"))
        #expect(run.stdout.hasSuffix("1 file valid, 2 warnings\n"), "\(run.stdout)")
    }
}
