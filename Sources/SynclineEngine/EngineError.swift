/// A failure of the engine itself (not of a connector or the store), with what to do next.
package struct EngineError: Error, Sendable, CustomStringConvertible {
    /// What the user reads.
    package var description: String

    /// Creates an error.
    package init(_ description: String) {
        self.description = description
    }
}
