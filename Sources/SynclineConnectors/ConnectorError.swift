/// A failure of a connector at run time, with what to do next. Never carries a secret or a payload.
package struct ConnectorError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    package enum Code: String, Sendable {
        case unauthorized, forbidden, rateLimited = "rate-limited", server, timeout, malformedPage = "malformed-page"
        case notFound = "not-found", badRequest = "bad-request", unreadable, configuration, quota
    }

    /// What kind of failure.
    package var code: Code
    /// What failed and what to do next.
    package var message: String
    /// The server's request id (Gong `requestId`), when it gave one.
    package var requestID: String?

    /// Creates an error.
    package init(_ code: Code, _ message: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// What the user reads.
    package var description: String { "\(code.rawValue): \(message)" + (requestID.map { " (request \($0))" } ?? "") }
}
