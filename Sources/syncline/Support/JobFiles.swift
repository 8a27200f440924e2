import Foundation
import SynclineCompiler
import SynclineConnectors
import SynclineCore

/// Compiles the job files named on a command line with the standard catalogue.
enum JobFiles {
    /// Compiles each file, in the order given.
    static func compile(_ paths: [String]) -> [Compilation] {
        let compiler = JobCompiler(catalog: .standard)
        return paths.map { path in
            compiler.compile(fileAt: URL(fileURLWithPath: path), displayName: path)
        }
    }

    /// Prints every diagnostic of `compilations` in file order, then a one-line summary; returns it.
    @discardableResult
    static func report(_ compilations: [Compilation], format: OutputFormat) -> Bool {
        let valid = compilations.allSatisfy(\.isValid)
        switch format {
        case .json:
            let report = ValidationReport(
                valid: valid,
                files: compilations.map {
                    .init(
                        file: $0.file, job: $0.job, template: $0.isTemplate, valid: $0.isValid,
                        diagnostics: $0.diagnostics)
                }
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(report) { print(String(decoding: data, as: UTF8.self)) }
        case .text:
            var printer = DiagnosticRenderer()
            for compilation in compilations {
                for diagnostic in compilation.diagnostics { print(printer.render(diagnostic)) }
            }
            let errors = compilations.flatMap(\.diagnostics).filter { $0.severity == .error }.count
            let invalid = compilations.filter { !$0.isValid }.count
            let files = compilations.count == 1 ? "1 file" : "\(compilations.count) files"
            if errors == 0 {
                print("\(files) valid")
            } else {
                print("\(files) checked: \(invalid) invalid, \(errors) error\(errors == 1 ? "" : "s")")
            }
        }
        return valid
    }
}

/// `validate --format json`: one entry per file, the diagnostics as structured data.
struct ValidationReport: Encodable {
    struct File: Encodable {
        var file: String
        var job: String
        var template: Bool
        var valid: Bool
        var diagnostics: [Diagnostic]
    }

    var valid: Bool
    var files: [File]
}
