/// `${VAR}` and `${VAR:-default}` references in job strings (paths, base URLs), resolved when a run starts.
///
/// Hand-written: the format is a small subset of POSIX shell expansion that no listed package offers.
/// `$$` stands for a literal `$`.
package enum Interpolation {
    /// A piece of an interpolated string.
    package enum Part: Sendable, Hashable {
        case literal(String)
        case variable(name: String, fallback: String?)
    }

    /// Why a string does not parse: the 0-based offset (in characters) and the problem.
    package struct ParseError: Error, Sendable, Hashable {
        /// Offset of the `$` at fault, in characters from the start.
        package var offset: Int
        /// What is wrong.
        package var message: String

        /// Creates a parse error.
        package init(offset: Int, message: String) {
            self.offset = offset
            self.message = message
        }
    }

    /// Why a string cannot be resolved: a variable with no value and no default.
    package struct UnsetVariable: Error, Sendable, Hashable, CustomStringConvertible {
        /// The variable's name.
        package var name: String

        /// Creates the error for `name`.
        package init(name: String) {
            self.name = name
        }

        /// Names the variable and how to fix it.
        package var description: String {
            "environment variable '\(name)' is not set and has no default; set it or write ${\(name):-default}"
        }
    }

    /// Splits `text` into literals and variables.
    package static func parse(_ text: String) throws(ParseError) -> [Part] {
        var parts: [Part] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$" else {
                literal.append(character)
                index += 1
                continue
            }
            if index + 1 < characters.count, characters[index + 1] == "$" {
                literal.append("$")
                index += 2
                continue
            }
            guard index + 1 < characters.count, characters[index + 1] == "{" else {
                throw ParseError(
                    offset: index, message: "'$' starts a reference: write ${NAME}, or $$ for a literal '$'")
            }
            guard let close = characters[index...].firstIndex(of: "}") else {
                throw ParseError(offset: index, message: "'${' is not closed with '}'")
            }
            let body = characters[(index + 2)..<close]
            var name = String(body)
            var fallback: String?
            if let colon = body.indices.first(where: { body[$0] == ":" && $0 + 1 < close && body[$0 + 1] == "-" }) {
                name = String(body[..<colon])
                fallback = String(body[(colon + 2)...])
            }
            guard isVariableName(name) else {
                throw ParseError(offset: index, message: "'\(name)' is not an environment variable name")
            }
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            parts.append(.variable(name: name, fallback: fallback))
            index = close + 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// Whether `name` is a valid environment variable name (`[A-Za-z_][A-Za-z0-9_]*`).
    package static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }

    /// Resolves `text` against `environment`; an unset variable without a default throws `UnsetVariable`.
    package static func resolve(_ text: String, environment: [String: String]) throws -> String {
        try parse(text).map { part throws in
            switch part {
            case .literal(let literal):
                return literal
            case .variable(let name, let fallback):
                if let value = environment[name], !value.isEmpty { return value }
                guard let fallback else { throw UnsetVariable(name: name) }
                return fallback
            }
        }.joined()
    }

    /// The text with every variable replaced by its default (or nothing), for checks made at compile time.
    package static func withDefaults(_ parts: [Part]) -> String {
        parts.map { part in
            switch part {
            case .literal(let literal): literal
            case .variable(_, let fallback): fallback ?? ""
            }
        }.joined()
    }
}
