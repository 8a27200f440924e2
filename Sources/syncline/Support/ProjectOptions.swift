import ArgumentParser
import Foundation
import SynclineCompiler
import SynclineConnectors
import SynclineCore

/// `--project PATH`, shared by every command that reads the project file (`syncline.yaml`).
struct ProjectOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The project file (syncline.yaml): the instance's time zone, connections and defaults.",
            discussion:
                "Default: $SYNCLINE_PROJECT, else syncline.yaml in the working directory or the nearest parent that has one; without one, jobs name their own connections.",
            valueName: "path"
        )
    )
    var project: String?

    /// The project file in force, compiled; nil when there is none.
    func compile() -> ProjectCompilation? {
        guard
            let (url, name) = ProjectCompiler.locate(
                explicit: project, environment: ProcessInfo.processInfo.environment,
                directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        else { return nil }
        return ProjectCompiler(catalog: ConnectorRegistry.standard.catalog).compile(fileAt: url, displayName: name)
    }

    /// The project for commands that compile jobs: an invalid project file prints its problems and exits 1.
    func load() throws -> Project {
        guard let compilation = compile() else { return .none }
        guard let project = compilation.project else {
            JobFiles.report([], project: compilation, format: .text)
            throw ExitCode(1)
        }
        return project
    }

    /// The project for commands that only show settings (`status`, `plan`): an invalid project file is a warning
    /// and the machine's settings apply.
    func loadLeniently() -> Project {
        guard let compilation = compile() else { return .none }
        guard let project = compilation.project else {
            FileHandle.standardError.write(
                Data(
                    "warning: \(compilation.file) is invalid (see 'syncline validate \(compilation.file)'); using this machine's time zone\n"
                        .utf8))
            return .none
        }
        return project
    }
}
