import Mustache
import SynclineCore

/// Checks a body template: that it parses, and that every name it uses is one of its `values`.
enum MustacheCheck {
    /// The plain-text pragma put before every template, so values render verbatim (no HTML escaping).
    static let textPragma = "{{%CONTENT_TYPE:TEXT}}"

    /// Problems in `text`, located through `locate` (template line and column, 1-based, to file location).
    static func check(
        _ text: String, values: Set<String>, locate: (Int, Int) -> SourceLocation
    ) -> [Diagnostic] {
        do {
            _ = try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            if case .expectedSectionEnd = error.error as? MustacheTemplate.Error, let open = unclosedSection(in: text) {
                return [
                    .error(
                        .badTemplate, "section '\(open.name)' is not closed; end it with {{/\(open.name)}}",
                        at: locate(open.line, open.column)
                    )
                ]
            }
            let context = error.context
            // The pragma sits on the first line, so columns there are shifted by its length.
            let column =
                context.lineNumber == 1 ? max(context.columnNumber - textPragma.count, 1) : context.columnNumber
            return [
                .error(
                    .badTemplate, "template does not parse: \(describe(error.error))",
                    at: locate(context.lineNumber, max(column, 1)))
            ]
        } catch {
            return [.error(.badTemplate, "template does not parse", at: locate(1, 1))]
        }
        var diagnostics: [Diagnostic] = []
        for tag in tags(in: text) where tag.sigil != "/" && tag.name != "." && !values.contains(tag.root) {
            diagnostics.append(
                .error(
                    .badTemplate,
                    "template uses '\(tag.name)', which is not one of its values"
                        + Suggestion.hint(for: tag.root, among: values.sorted()),
                    at: locate(tag.line, tag.column)
                )
            )
        }
        return diagnostics
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case .unfinishedName: "a tag is not closed with '}}'"
        case .expectedSectionEnd: "a section is not closed"
        case .invalidSetDelimiter: "bad set-delimiter tag"
        default: "\(error)"
        }
    }

    /// The innermost section opened and never closed.
    static func unclosedSection(in text: String) -> Tag? {
        var open: [Tag] = []
        for tag in tags(in: text) {
            if tag.sigil == "#" || tag.sigil == "^" {
                open.append(tag)
            } else if tag.sigil == "/", open.last?.name == tag.name {
                open.removeLast()
            }
        }
        return open.last
    }

    /// A tag's name (`brief`, `key_points`), its first segment, and where it is (1-based line and column).
    struct Tag {
        /// `#`, `^`, `/`, `&`, `{`, or nil for a plain variable.
        var sigil: Character?
        var name: String
        var root: String
        var line: Int
        var column: Int
    }

    /// The variable and section names of a parsed-clean template.
    ///
    /// Hand-written: swift-mustache does not expose its tokens. Comments, partials, pragmas and
    /// set-delimiter tags are skipped; the default `{{ }}` delimiters are assumed.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        while index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" else {
                index += 1
                continue
            }
            let column = index - lineStart + 1
            var cursor = index + 2
            var end = cursor
            while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
            var body = String(String.UnicodeScalarView(scalars[cursor..<min(end, scalars.count)]))
            cursor = end + 2
            if cursor < scalars.count, scalars[cursor] == "}" { cursor += 1 }  // triple mustache
            index = cursor
            body = body.trimmingWhitespace()
            guard let first = body.first else { continue }
            var sigil: Character?
            switch first {
            case "!", ">", "<", "%", "=", "$":
                continue
            case "#", "^", "&", "{", "/":
                sigil = first
                body = String(body.dropFirst()).trimmingWhitespace()
            default:
                break
            }
            // A transform such as `uppercased(name)` applies to the name in parentheses.
            if let open = body.firstIndex(of: "("), let close = body.lastIndex(of: ")"), open < close {
                body = String(body[body.index(after: open)..<close])
            }
            let root = body.split(separator: ".").first.map(String.init) ?? body
            tags.append(Tag(sigil: sigil, name: body, root: root, line: line, column: column))
        }
        return tags
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
