/// A failure of the staging database, with what to do next.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: String, Sendable {
        case open, migration, query, corrupt, busy, notFound = "not-found", readOnly = "read-only"
    }

    /// What went wrong.
    package var code: Code
    /// What failed and what to do next.
    package var message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// What the user reads.
    package var description: String { message }
}
