import ArgumentParser

/// `syncline validate FILE...`: reports every problem in job files at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check job files and report every problem at once.",
        discussion: """
            Each problem is printed as path:line:column: error: message [code], with the offending line; a
            locked attribute also points at the template line that locked it. Nothing is written.

            Example:
              syncline validate jobs/*.yaml jobs/templates/*.yaml
              syncline validate --format json jobs/gong-touchpoints.yaml

            Exit status: 0 all valid, 1 some invalid, 2 wrong usage.
            """
    )

    @Argument(help: ArgumentHelp("Job files (YAML).", valueName: "file"))
    var files: [String]

    @Option(help: "Output format: text (for people) or json (for editors and CI).")
    var format: OutputFormat = .text

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one job file") }
    }

    func run() throws {
        guard JobFiles.report(JobFiles.compile(files), format: format) else { throw ExitCode(1) }
    }
}
