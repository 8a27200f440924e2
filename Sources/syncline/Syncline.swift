import ArgumentParser
import Foundation

/// The `syncline` command: compiles job files into plans and runs them against the staging database.
@main
struct Syncline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncline",
        abstract: "Embedded-database ETL: compile integration jobs into plans and sync them into SQLite.",
        discussion: """
            Integrators describe a job in YAML (source, mapping to target attributes, schedule); syncline checks \
            it, stores it as a versioned plan in the staging database, and runs it incrementally.

            Start here:
              syncline demo                    the bundled sample, end to end
              syncline validate jobs/*.yaml    check job files, every problem at once
              syncline preview jobs/x.yaml     what a job would create, skip or reject, before saving it
              syncline apply jobs/*.yaml       store them as plans in syncline.db
              syncline sync gong-touchpoints   run a job now (first run: last 7 days)
              syncline status                  last runs, next runs, watermarks, live progress
              syncline runner                  run the jobs on their schedules, status page on :9464
              syncline query "SELECT * FROM touchpoints_overview LIMIT 5"

            Exit status: 0 success, 1 invalid job files or a failed command, 2 wrong usage.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, ValidateCommand.self, ApplyCommand.self, JobsCommand.self, PlanCommand.self,
            SyncCommand.self, PreviewCommand.self, StatusCommand.self, RunsCommand.self, RejectedCommand.self,
            QueryCommand.self, RunnerCommand.self, ScheduleCommand.self, EnableCommand.self, DisableCommand.self,
            ConnectionsCommand.self,
            SandboxCommand.self, SchemaCommand.self,
        ]
    )

    /// Runs the command line; usage errors exit with 2 rather than ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            } catch let error as ValidationError {
                // Thrown while running (no such job, a bad value found late): the message, not the usage text.
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                Foundation.exit(2)
            }
        } catch {
            var code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .validationFailure { code = ExitCode(2) }
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
