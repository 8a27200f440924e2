/// A request the sandbox answers with an error status and Gong's error body `{requestId, errors: [...]}`.
struct GongRequestError: Error, Sendable {
    /// The HTTP status.
    let status: Int
    /// The messages of the `errors` array.
    let messages: [String]
    /// Extra response headers (`Retry-After`).
    var headers: [(String, String)] = []

    /// A 400 with one message.
    static func badRequest(_ message: String) -> GongRequestError {
        GongRequestError(status: 400, messages: [message])
    }

    /// The 404 Gong answers when no call matches, with the message clients match on.
    static let noCalls = GongRequestError(
        status: 404, messages: ["No calls found corresponding to the provided filters"])
}
