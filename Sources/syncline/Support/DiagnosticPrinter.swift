import Foundation
import SynclineCore

/// Prints diagnostics as compilers do: `file:line:col: error: message [code]`, the source line and a caret.
struct DiagnosticPrinter {
    private var lines: [String: [Substring]] = [:]

    /// Renders one diagnostic and its notes.
    mutating func render(_ diagnostic: Diagnostic) -> String {
        var text = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        if diagnostic.severity != .note { text += " [\(diagnostic.code.rawValue)]" }
        if let excerpt = excerpt(at: diagnostic.location, masking: diagnostic.code == .literalSecret) {
            text += "\n" + excerpt
        }
        for note in diagnostic.notes {
            text += "\n" + render(note)
        }
        return text
    }

    /// The source line and a caret under the column, when the file can be read.
    ///
    /// With `masking`, everything from the column on is shown as `***`: a literal secret is never echoed.
    private mutating func excerpt(at location: SourceLocation, masking: Bool) -> String? {
        if lines[location.file] == nil {
            let text = (try? String(contentsOfFile: location.file, encoding: .utf8)) ?? ""
            lines[location.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let fileLines = lines[location.file], location.line >= 1, location.line <= fileLines.count else {
            return nil
        }
        var line = fileLines[location.line - 1]
        if masking {
            line = Substring(String(String.UnicodeScalarView(line.unicodeScalars.prefix(location.column - 1))) + "***")
        }
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let prefix = String(String.UnicodeScalarView(line.unicodeScalars.prefix(location.column - 1)))
        let padding = prefix.map { $0 == "\t" ? "\t" : " " }.joined()
        return "  " + line + "\n  " + padding + "^"
    }
}
