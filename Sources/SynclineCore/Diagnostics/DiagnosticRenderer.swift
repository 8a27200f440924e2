import Foundation

/// Renders diagnostics as compilers do: `file:line:col: error: message [code]`, the source line and a caret.
package struct DiagnosticRenderer {
    private let contents: (String) -> String?
    private var lines: [String: [Substring]] = [:]

    /// Creates a renderer that reads source lines through `contents` (file as named in the diagnostic → text).
    package init(contents: @escaping (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }) {
        self.contents = contents
    }

    /// Renders one diagnostic and its notes.
    package mutating func render(_ diagnostic: Diagnostic) -> String {
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
            lines[location.file] = (contents(location.file) ?? "").split(
                separator: "\n", omittingEmptySubsequences: false)
        }
        guard let fileLines = lines[location.file], location.line >= 1, location.line <= fileLines.count else {
            return nil
        }
        var line = fileLines[location.line - 1]
        if masking {
            line = Substring(String(String.UnicodeScalarView(line.unicodeScalars.prefix(location.column - 1))) + "***")
        }
        guard line.contains(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return nil }
        let prefix = line.unicodeScalars.prefix(location.column - 1)
        let padding = String(prefix.map { $0 == "\t" ? "\t" : " " }.joined())
        return "  " + line + "\n  " + padding + "^"
    }
}
