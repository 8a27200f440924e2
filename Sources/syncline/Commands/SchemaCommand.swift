import ArgumentParser
import SynclineSpec

/// `syncline schema [job|project]`: prints a file format as JSON Schema.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the job file format, or the project file's, as a JSON Schema (draft-07) for editors.",
        discussion: """
            YAML language servers use it for completion and checks. For example, save them and point the \
            yaml-language-server at them with a modeline on the first line of a file:

              syncline schema > .syncline-job.schema.json
              syncline schema project > .syncline-project.schema.json
              # yaml-language-server: $schema=../.syncline-job.schema.json
            """
    )

    /// Which format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// Job files (`jobs/*.yaml`).
        case job
        /// The project file (`syncline.yaml`).
        case project
    }

    @Argument(help: "Which format: job (job files) or project (syncline.yaml).")
    var format: Format = .job

    func run() throws {
        let schema = format == .job ? try Shape.jobSchemaJSON() : try Shape.projectSchemaJSON()
        print(String(decoding: schema, as: UTF8.self))
    }
}
