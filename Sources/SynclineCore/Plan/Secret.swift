/// A secret value read at the edge (environment or a named file). Prints and encodes as `***`.
package struct Secret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    private let storage: String

    /// Wraps a value read from the environment or a file.
    package init(_ value: String) {
        storage = value
    }

    /// The value, for the one place that sends it (an HTTP header). Never log or store the result.
    package func reveal() -> String { storage }

    /// `***`.
    package var description: String { "***" }
    /// `***`.
    package var debugDescription: String { "***" }

    /// Decodes from a plain string (test fixtures only ever hold fake values).
    package init(from decoder: any Decoder) throws {
        storage = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as `***`: a secret never reaches a file or the database through `Codable`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("***")
    }
}
