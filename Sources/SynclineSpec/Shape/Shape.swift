package import SynclineCore

/// The structure of a job file, declared once: the reader checks files against it and `syncline schema`
/// prints it as JSON Schema, so the two cannot drift apart.
package indirect enum Shape: Sendable {
    /// A scalar read as text; `allowed` restricts it to an enumeration.
    case string(summary: String, allowed: [String]? = nil)
    /// `true` or `false`.
    case boolean(summary: String)
    /// A whole number.
    case integer(summary: String)
    /// A mapping with known keys; `extra` admits other keys with that shape (checked later, by the compiler).
    case object(summary: String, properties: [Property], extra: Shape? = nil)
    /// A mapping from free keys (attribute names) to values of one shape.
    case dictionary(summary: String, value: Shape)
    /// A list of values of one shape.
    case list(summary: String, element: Shape)
    /// A value whose shape depends on its kind: a scalar, a list or a mapping.
    case alternatives(summary: String, scalar: Shape? = nil, list: Shape? = nil, mapping: Shape? = nil)
    /// A mapping that holds exactly one of the `variants`' keys, which selects its shape.
    case variants(summary: String, [Variant])
    /// A value the format never allows, left for the compiler to report with a code of its own (a literal
    /// secret is `literal-secret`, not `wrong-type`); the JSON Schema rejects it outright.
    case refused(summary: String)

    /// A known key of an object.
    package struct Property: Sendable {
        /// The key.
        package var name: String
        /// The value's shape.
        package var shape: Shape
        /// Whether the key must be present.
        package var isRequired: Bool

        /// Creates a property.
        package init(_ name: String, _ shape: Shape, isRequired: Bool = false) {
            self.name = name
            self.shape = shape
            self.isRequired = isRequired
        }
    }

    /// One mapping form of a `choice`, told apart by the key it must hold.
    package struct Variant: Sendable {
        /// The key that selects this form.
        package var key: String
        /// The whole mapping's shape, including `key`.
        package var shape: Shape

        /// Creates a variant.
        package init(key: String, shape: Shape) {
            self.key = key
            self.shape = shape
        }
    }

    /// One line on what the value is.
    package var summary: String {
        switch self {
        case .string(let summary, _), .boolean(let summary), .integer(let summary),
            .object(let summary, _, _), .dictionary(let summary, _), .list(let summary, _),
            .alternatives(let summary, _, _, _), .variants(let summary, _), .refused(let summary):
            summary
        }
    }

    /// What the shape expects, for `expected …, found …` messages.
    var expectation: String {
        switch self {
        case .string(_, let allowed?): "one of " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        case .string: "a string"
        case .boolean: "true or false"
        case .integer: "a whole number"
        case .object, .dictionary: "a mapping"
        case .list: "a list"
        case .alternatives(_, let scalar, let list, let mapping):
            [scalar, list, mapping].compactMap { $0?.expectation }.joined(separator: " or ")
        case .variants(_, let variants):
            "a mapping with one of " + variants.map { "'\($0.key)'" }.joined(separator: ", ")
        case .refused: "nothing"
        }
    }
}

extension Shape {
    /// Checks `node` against the shape and reports every wrong type, unknown key and missing key.
    package func validate(_ node: SpecNode) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        validate(node, into: &diagnostics)
        return diagnostics
    }

    private func wrongType(_ node: SpecNode, _ diagnostics: inout [Diagnostic]) {
        var message = "expected \(expectation), found \(node.kindDescription)"
        if case .string = self, let scalar = node.scalar, scalar.kind == .boolean {
            message += "; quote it to keep it text"
        }
        diagnostics.append(.error(.wrongType, message, at: node.location))
    }

    private func validate(_ node: SpecNode, into diagnostics: inout [Diagnostic]) {
        switch self {
        case .string(_, let allowed):
            guard let scalar = node.scalar, scalar.kind != .null, scalar.kind != .boolean else {
                return wrongType(node, &diagnostics)
            }
            if let allowed, !allowed.contains(scalar.text) {
                diagnostics.append(
                    .error(
                        .invalidValue,
                        "'\(scalar.text)' is not \(expectation)" + Suggestion.hint(for: scalar.text, among: allowed),
                        at: scalar.location
                    )
                )
            }
        case .boolean:
            guard node.scalar?.boolean != nil else { return wrongType(node, &diagnostics) }
        case .integer:
            guard node.scalar?.kind == .integer else { return wrongType(node, &diagnostics) }
        case .object(_, let properties, let extra):
            guard let pairs = node.pairs else {
                // A section whose keys are all commented out is an empty mapping, unless it needs some.
                if node.isNull, !properties.contains(where: \.isRequired) { return }
                return wrongType(node, &diagnostics)
            }
            for pair in pairs {
                if let property = properties.first(where: { $0.name == pair.key.value }) {
                    property.shape.validate(pair.value, into: &diagnostics)
                } else if let extra {
                    extra.validate(pair.value, into: &diagnostics)
                } else {
                    diagnostics.append(
                        .error(
                            .unknownKey,
                            "unknown key '\(pair.key.value)'"
                                + Suggestion.hint(for: pair.key.value, among: properties.map(\.name)),
                            at: pair.key.location
                        )
                    )
                }
            }
            for property in properties where property.isRequired && node[property.name] == nil {
                diagnostics.append(.error(.missingKey, "missing key '\(property.name)'", at: node.location))
            }
        case .dictionary(_, let value):
            guard let pairs = node.pairs else {
                if node.isNull { return }  // an empty `mapping:` is an empty dictionary
                return wrongType(node, &diagnostics)
            }
            for pair in pairs { value.validate(pair.value, into: &diagnostics) }
        case .list(_, let element):
            guard let elements = node.elements else {
                if node.isNull { return }
                return wrongType(node, &diagnostics)
            }
            for item in elements { element.validate(item, into: &diagnostics) }
        case .alternatives(_, let scalar, let list, let mapping):
            let chosen: Shape? =
                switch node {
                case .scalar: scalar
                case .sequence: list
                case .mapping: mapping
                }
            guard let chosen else { return wrongType(node, &diagnostics) }
            chosen.validate(node, into: &diagnostics)
        case .refused:
            return  // the compiler reports it, with its own code
        case .variants(_, let variants):
            guard let pairs = node.pairs else { return wrongType(node, &diagnostics) }
            let present = variants.filter { variant in pairs.contains { $0.key.value == variant.key } }
            switch present.count {
            case 1:
                present[0].shape.validate(node, into: &diagnostics)
            case 0:
                let keys = pairs.map(\.key.value).joined(separator: "', '")
                let hint = pairs.first.map { Suggestion.hint(for: $0.key.value, among: variants.map(\.key)) } ?? ""
                diagnostics.append(
                    .error(.wrongType, "expected \(expectation), found keys '\(keys)'" + hint, at: node.location)
                )
            default:
                let keys = present.map { "'\($0.key)'" }.joined(separator: " and ")
                diagnostics.append(.error(.wrongType, "use one of \(keys), not several", at: node.location))
            }
        }
    }
}
