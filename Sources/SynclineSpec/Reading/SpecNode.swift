package import SynclineCore

/// A YAML node with the location of every key and value, as the spec reader sees it.
///
/// Built from `Yams.Node` (which keeps marks); aliases are expanded, within the reader's node budget.
package indirect enum SpecNode: Sendable {
    /// A scalar: its text, whether it was quoted, and what YAML's core schema makes of it.
    case scalar(Scalar)
    /// A mapping, keys in the order written.
    case mapping([Pair], SourceLocation)
    /// A sequence.
    case sequence([SpecNode], SourceLocation)

    /// A scalar value as written.
    package struct Scalar: Sendable {
        /// The text, without quotes.
        package var text: String
        /// Whether it was quoted or a block scalar (so `yes` stays a string).
        package var isQuoted: Bool
        /// Where it starts.
        package var location: SourceLocation
        /// For block scalars (`|`, `>`), the column the content lines are indented to, 1-based.
        package var blockIndent: Int?

        /// What YAML's core schema resolves an unquoted scalar to.
        package var kind: Kind {
            guard !isQuoted else { return .string }
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
            case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF": return .boolean
            default:
                if Int(text) != nil { return .integer }
                if Double(text) != nil, text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .number }
                return .string
            }
        }

        /// The kinds a scalar resolves to.
        package enum Kind: String, Sendable {
            case null, boolean, integer, number, string
        }

        /// The Boolean, for `true`/`false` (and YAML 1.1's `yes`/`no`/`on`/`off`).
        package var boolean: Bool? {
            guard kind == .boolean else { return nil }
            return ["true", "yes", "on"].contains(text.lowercased())
        }
    }

    /// A mapping entry.
    package struct Pair: Sendable {
        /// The key text and where it is.
        package var key: Located<String>
        /// The value.
        package var value: SpecNode
    }

    /// Where the node starts.
    package var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(_, let location), .sequence(_, let location): location
        }
    }

    /// The scalar, when this is one.
    package var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The entries, when this is a mapping.
    package var pairs: [Pair]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    /// The elements, when this is a sequence.
    package var elements: [SpecNode]? {
        if case .sequence(let elements, _) = self { return elements }
        return nil
    }

    /// The value under `key`, when this is a mapping that has it.
    package subscript(key: String) -> SpecNode? {
        pairs?.first { $0.key.value == key }?.value
    }

    /// The entry under `key`, with the key's own location.
    package func pair(_ key: String) -> Pair? {
        pairs?.first { $0.key.value == key }
    }

    /// Whether this is the null scalar (`~`, `null` or nothing).
    package var isNull: Bool { scalar?.kind == .null }

    /// A word for messages: `a mapping`, `a list`, `the integer '3'`.
    package var kindDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: "nothing (null)"
            case .string: "the string '\(scalar.text)'"
            default: "the \(scalar.kind.rawValue) '\(scalar.text)'"
            }
        }
    }
}
