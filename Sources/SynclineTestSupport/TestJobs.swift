package import Foundation
import SynclineCompiler
package import SynclineConnectors
package import SynclineCore

/// Compiling jobs in tests as the executable does: the same connectors, the shipped project file.
package enum TestJobs {
    /// The connectors tests run with, as the executable registers them (a test checks the two lists agree).
    package static let registry = ConnectorRegistry([
        GongConnector(),
        WebexConnector(),
        FileConnector(recordFiles: GongConnector.recordFiles),
    ])

    /// What the compiler checks jobs against.
    package static var catalog: Catalog { registry.catalog }

    /// The project file shipped at the repository's root (`syncline.yaml`), compiled.
    ///
    /// Throws `TestJobError` with the rendered diagnostics when it does not compile.
    package static func shippedProject() throws -> Project {
        let url = RepositoryPaths.root().appendingPathComponent("syncline.yaml")
        let compilation = ProjectCompiler(catalog: catalog).compile(fileAt: url, displayName: "syncline.yaml")
        guard let project = compilation.project else { throw TestJobError(compilation.diagnostics) }
        return project
    }

    /// Compiles the job file at `url` with `project`; throws `TestJobError` with its diagnostics when invalid.
    package static func compile(_ url: URL, displayName: String? = nil, project: Project) throws -> CompiledPlan {
        let compilation = JobCompiler(catalog: catalog, project: project).compile(
            fileAt: url, displayName: displayName ?? url.lastPathComponent)
        guard let compiled = compilation.compiled else { throw TestJobError(compilation.diagnostics) }
        return compiled
    }
}

/// A job or project file that a test expected to compile did not; says why, as `validate` would.
package struct TestJobError: Error, CustomStringConvertible {
    /// The diagnostics, rendered.
    package var description: String

    /// Renders `diagnostics`.
    package init(_ diagnostics: [Diagnostic]) {
        var renderer = DiagnosticRenderer()
        description = diagnostics.map { renderer.render($0) }.joined(separator: "\n")
    }
}
