/// The type of a source field, as a connector's catalogue declares it.
package indirect enum FieldType: Sendable, Hashable {
    case string
    case integer
    case number
    case boolean
    /// An ISO-8601 instant with a `Z` or numeric offset.
    case datetime
    /// A JSON object with known members; members not listed are ignored when reading.
    case object([Field])
    case array(FieldType)
    /// Any JSON value (for documented free-form members).
    case any

    /// A named member of an object type.
    package struct Field: Sendable, Hashable {
        /// The member name as it appears on the wire.
        package var name: String
        /// The member type.
        package var type: FieldType
        /// One line on what the member holds.
        package var summary: String

        /// Creates a member.
        package init(_ name: String, _ type: FieldType, _ summary: String = "") {
            self.name = name
            self.type = type
            self.summary = summary
        }
    }

    /// The member named `name`, when this is an object type.
    package func member(_ name: String) -> Field? {
        if case .object(let fields) = self { return fields.first { $0.name == name } }
        return nil
    }

    /// The members of an object type, or none.
    package var members: [Field] {
        if case .object(let fields) = self { return fields }
        return []
    }

    /// A short name for messages: `string`, `array of object`, …
    package var displayName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .datetime: "datetime"
        case .object: "object"
        case .array(let element): "array of \(element.displayName)"
        case .any: "any"
        }
    }

    /// Whether the value is a single JSON scalar (not an object or array).
    package var isScalar: Bool {
        switch self {
        case .string, .integer, .number, .boolean, .datetime: true
        case .object, .array, .any: false
        }
    }
}

extension FieldType {
    /// Resolves `path` against this (object) type.
    ///
    /// Returns the type the path yields (a list when it steps into arrays), or the failure: the index of the
    /// first segment that does not resolve and the names that would have been valid there.
    package func resolve(_ path: FieldPath) -> Result<FieldType, PathFailure> {
        var current = self
        var listDepth = 0
        for (index, segment) in path.segments.enumerated() {
            if case .any = current {
                return .success(wrap(.any, listDepth))
            }
            guard let member = current.member(segment.name) else {
                return .failure(
                    PathFailure(segmentIndex: index, candidates: current.members.map(\.name), reason: .unknown))
            }
            current = member.type
            if segment.isEach {
                guard case .array(let element) = current else {
                    return .failure(PathFailure(segmentIndex: index, candidates: [], reason: .notAnArray(current)))
                }
                current = element
                listDepth += 1
            } else if case .array = current, index < path.segments.count - 1 {
                return .failure(PathFailure(segmentIndex: index, candidates: [], reason: .missingEach))
            }
        }
        return .success(wrap(current, listDepth))
    }

    private func wrap(_ type: FieldType, _ depth: Int) -> FieldType {
        (0..<depth).reduce(type) { wrapped, _ in .array(wrapped) }
    }

    /// Every path to a scalar or array member below this type, for suggestions (`metaData.title`, `parties[]`).
    package func allPaths(prefix: String = "") -> [String] {
        var paths: [String] = []
        for field in members {
            let name = prefix.isEmpty ? field.name : prefix + "." + field.name
            paths.append(name)
            switch field.type {
            case .object: paths += field.type.allPaths(prefix: name)
            case .array(let element):
                paths.append(name + "[]")
                paths += element.allPaths(prefix: name + "[]")
            default: break
            }
        }
        return paths
    }
}

/// Why a field path does not resolve against a catalogue type.
package struct PathFailure: Error, Sendable, Hashable {
    /// Why the segment failed.
    package enum Reason: Sendable, Hashable {
        case unknown
        /// `[]` after a member that is not an array.
        case notAnArray(FieldType)
        /// An array member used without `[]` before stepping further in.
        case missingEach
    }

    /// The index of the segment that failed.
    package var segmentIndex: Int
    /// Member names valid at that point.
    package var candidates: [String]
    /// Why it failed.
    package var reason: Reason
}
