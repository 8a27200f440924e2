import Foundation
import SynclineCompiler
import SynclineConnectors
import SynclineCore

/// Compiles the job files named on a command line with the registered connectors and the project.
enum JobFiles {
    /// Compiles each file, in the order given, then checks `depends_on` across them: a dependency must be one
    /// of these jobs, a job file beside one of them, or one of `applied`.
    static func compile(_ paths: [String], project: Project, applied: Set<String> = []) -> [Compilation] {
        let compiler = JobCompiler(catalog: ConnectorRegistry.standard.catalog, project: project)
        var compilations = paths.map { path in
            compiler.compile(fileAt: URL(fileURLWithPath: path), displayName: path)
        }
        var known = applied
        for folder in Set(paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            known.formUnion(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
        }
        DependencyCheck.check(&compilations, known: known)
        return compilations
    }

    /// Prints every diagnostic of the project file and of `compilations` in file order, then a one-line summary;
    /// returns whether everything is valid.
    @discardableResult
    static func report(_ compilations: [Compilation], project: ProjectCompilation?, format: OutputFormat) -> Bool {
        let projectFiles = project.map { [$0] } ?? []
        let valid = compilations.allSatisfy(\.isValid) && projectFiles.allSatisfy(\.isValid)
        switch format {
        case .json:
            let report = ValidationReport(
                valid: valid,
                files: projectFiles.map {
                    .init(
                        file: $0.file, kind: "project", job: nil, template: false, valid: $0.isValid,
                        diagnostics: $0.diagnostics)
                }
                    + compilations.map {
                        .init(
                            file: $0.file, kind: $0.isTemplate ? "template" : "job", job: $0.job,
                            template: $0.isTemplate, valid: $0.isValid, diagnostics: $0.diagnostics)
                    }
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(report) { print(String(decoding: data, as: UTF8.self)) }
        case .text:
            var printer = DiagnosticRenderer()
            let diagnostics = projectFiles.flatMap(\.diagnostics) + compilations.flatMap(\.diagnostics)
            for diagnostic in diagnostics { print(printer.render(diagnostic)) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let invalid = compilations.filter { !$0.isValid }.count + projectFiles.filter { !$0.isValid }.count
            let count = compilations.count + projectFiles.count
            let files = count == 1 ? "1 file" : "\(count) files"
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            if errors == 0 {
                print("\(files) valid" + (warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"))
            } else {
                print("\(files) checked: \(invalid) invalid, \(errors) error\(errors == 1 ? "" : "s")")
            }
        }
        return valid
    }

    /// Prints the warnings of valid files (a schedule meeting a daylight-saving change), as `apply` goes ahead.
    static func printWarnings(_ compilations: [Compilation]) {
        var printer = DiagnosticRenderer()
        for diagnostic in compilations.flatMap(\.diagnostics) where diagnostic.severity == .warning {
            print(printer.render(diagnostic))
        }
    }
}

/// `validate --format json`: one entry per file, the diagnostics as structured data.
struct ValidationReport: Encodable {
    struct File: Encodable {
        var file: String
        /// `job`, `template` or `project`.
        var kind: String
        var job: String?
        var template: Bool
        var valid: Bool
        var diagnostics: [Diagnostic]
    }

    var valid: Bool
    var files: [File]
}
