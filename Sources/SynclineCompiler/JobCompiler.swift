package import Foundation
package import SynclineCore
package import SynclineSpec

/// The result of compiling one job file.
package struct Compilation: Sendable {
    /// The job's name (its file's stem).
    package var job: String
    /// The file as the user named it.
    package var file: String
    /// Whether the file is a template (validated, never applied).
    package var isTemplate: Bool
    /// The plan with its canonical JSON and hash, when the file has no errors.
    package var compiled: CompiledPlan?
    /// Every problem found, sorted for display.
    package var diagnostics: [Diagnostic]
    /// The jobs it depends on, where each name is written (for the checks across files).
    package var dependsOn: [Located<String>] = []

    /// The plan, when the file has no errors.
    package var plan: Plan? { compiled?.plan }

    /// Whether the file compiled without errors.
    package var isValid: Bool { !diagnostics.containsErrors }
}

/// Compiles job files into plans, checking them against a catalogue and collecting every problem.
package struct JobCompiler: Sendable {
    /// What sources and targets exist.
    package var catalog: Catalog
    /// The project the jobs belong to: its connections and defaults.
    package var project: Project
    /// How files are read (budgets).
    package var reader: SpecReader
    /// The current time: schedules are checked against daylight-saving changes in the year after it.
    package var now: @Sendable () -> Date = { Date() }

    /// Creates a compiler for `catalog` and `project` (default: no project file).
    package init(catalog: Catalog, project: Project = .none, reader: SpecReader = SpecReader()) {
        self.catalog = catalog
        self.project = project
        self.reader = reader
    }

    /// Compiles the job file at `url`; `displayName` is how diagnostics name it (as the user typed it).
    package func compile(fileAt url: URL, displayName: String) -> Compilation {
        let name = url.deletingPathExtension().lastPathComponent
        let (spec, readProblems) = JobSpec.read(contentsOf: url, displayName: displayName, reader: reader)
        guard let spec else {
            return Compilation(
                job: name, file: displayName, isTemplate: false, diagnostics: readProblems.sortedForDisplay())
        }
        let chain = TemplateChain(from: spec, at: url, reader: reader)
        var session = CompileSession(
            catalog: catalog, project: project, spec: spec, templates: chain.templates, now: now())
        session.diagnostics = readProblems + chain.diagnostics
        session.isChainBroken = chain.isBroken
        let plan = session.run()
        let diagnostics = session.diagnostics.sortedForDisplay()
        var compilation = Compilation(
            job: name, file: displayName, isTemplate: spec.isTemplate, diagnostics: diagnostics
        )
        if let plan, !diagnostics.containsErrors { compilation.compiled = plan.compiled() }
        compilation.dependsOn = spec.isTemplate ? [] : session.chain.first { !$0.dependsOn.isEmpty }?.dependsOn ?? []
        return compilation
    }
}
