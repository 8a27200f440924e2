/// A name from job files that a type keeps apart from other strings: a connector, a source object, a target.
///
/// Encodes as its plain text, so stored plans read as they always did.
package protocol TypedName: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
where RawValue == String {
    /// Wraps `rawValue`.
    init(_ rawValue: String)
}

extension TypedName {
    /// Wraps `rawValue`; never fails.
    package init?(rawValue: String) { self.init(rawValue) }

    /// Wraps a literal.
    package init(stringLiteral value: String) { self.init(value) }

    /// The name as written.
    package var description: String { rawValue }

    /// Orders names by their text.
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    package init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A connector's name in job files (`file`, and one per HTTP connector).
package struct ConnectorID: TypedName {
    /// The name.
    package let rawValue: String

    /// Wraps `rawValue`.
    package init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of one object a connector reads (`calls`, `csv`).
package struct ObjectName: TypedName {
    /// The name.
    package let rawValue: String

    /// Wraps `rawValue`.
    package init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of a target object of the staging model (`touchpoint`).
package struct TargetID: TypedName {
    /// The name.
    package let rawValue: String

    /// Wraps `rawValue`.
    package init(_ rawValue: String) { self.rawValue = rawValue }
}
