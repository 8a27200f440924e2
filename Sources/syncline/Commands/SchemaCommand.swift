import ArgumentParser
import SynclineSpec

/// `syncline schema`: prints the job format as JSON Schema.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the job file format as a JSON Schema (draft-07) for editors.",
        discussion: """
            YAML language servers use it for completion and checks. For example, save it and point the
            yaml-language-server at it with a modeline on the first line of a job file:

              syncline schema > .syncline-job.schema.json
              # yaml-language-server: $schema=../.syncline-job.schema.json
            """
    )

    func run() throws {
        print(String(decoding: try Shape.jobSchemaJSON(), as: UTF8.self))
    }
}
