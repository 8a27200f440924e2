import ArgumentParser
import Foundation
import SynclineCompiler
import SynclineCore

/// `syncline validate FILE...`: reports every problem in job files (and the project file) at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check job files and the project file, and report every problem at once.",
        discussion: """
            Each problem is printed as path:line:column: error: message [code], with the offending line; a \
            locked attribute also points at the template line that locked it. The project file (syncline.yaml, \
            found as --project says) is checked too, since jobs use its connections. Nothing is written.

            Example:
              syncline validate jobs/*.yaml jobs/templates/*.yaml
              syncline validate syncline.yaml
              syncline validate --format json jobs/gong-touchpoints.yaml

            Exit status: 0 all valid, 1 some invalid, 2 wrong usage.
            """
    )

    @Argument(help: ArgumentHelp("Job files (YAML), or the project file.", valueName: "file"))
    var files: [String]

    @Option(help: "Output format: text (for people) or json (for editors and CI).")
    var format: OutputFormat = .text

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one job file") }
    }

    func run() throws {
        // A project file named on the command line is the project.
        var options = project
        let named = files.filter { URL(fileURLWithPath: $0).lastPathComponent == ProjectCompiler.fileName }
        if let file = named.first { options.project = file }
        let projectFile = options.compile()
        let jobs = files.filter { !named.contains($0) }
        let compilations = JobFiles.compile(jobs, project: projectFile?.bestEffort ?? .none)
        guard JobFiles.report(compilations, project: projectFile, format: format) else { throw ExitCode(1) }
    }
}
