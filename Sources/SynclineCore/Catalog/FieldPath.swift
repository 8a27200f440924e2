/// A path into a source record: dotted names, `[]` after a name that is an array (`parties[].emailAddress`).
package struct FieldPath: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// One name along the path, and whether the path steps into each element of an array there.
    package struct Segment: Sendable, Hashable, Codable {
        /// The member name.
        package var name: String
        /// Whether the member is an array whose elements the rest of the path applies to.
        package var isEach: Bool

        /// Creates a segment.
        package init(name: String, isEach: Bool = false) {
            self.name = name
            self.isEach = isEach
        }
    }

    /// The segments, outermost first; never empty.
    package var segments: [Segment]

    /// Creates a path from segments.
    package init(segments: [Segment]) {
        self.segments = segments
    }

    /// Parses `a.b[].c`; nil when the text is not a path (empty names, stray brackets, spaces).
    package init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        var segments: [Segment] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var isEach = false
            if name.hasSuffix("[]") {
                name = name.dropLast(2)
                isEach = true
            }
            guard !name.isEmpty, name.allSatisfy(Self.isNameCharacter) else { return nil }
            segments.append(Segment(name: String(name), isEach: isEach))
        }
        self.segments = segments
    }

    /// Whether `character` may appear in a member name.
    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    /// The path as written in job files.
    package var description: String {
        segments.map { $0.name + ($0.isEach ? "[]" : "") }.joined(separator: ".")
    }

    /// Whether the path steps into an array anywhere, so it yields a list.
    package var yieldsList: Bool { segments.contains { $0.isEach } }

    /// Orders paths by their text.
    package static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }

    // Encoded as its text, so plans stored as JSON stay readable.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let path = FieldPath(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a field path: '\(text)'")
        }
        self = path
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
