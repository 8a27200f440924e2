/// A request as the sandbox's logic sees it, independent of the HTTP server.
struct SandboxHTTPRequest: Sendable {
    /// The method, upper case.
    var method: String
    /// The path, without the query.
    var path: String
    /// The raw query string, if any.
    var query: String?
    /// The query parameters, percent-decoded (the first of repeated names wins).
    var queryItems: [String: String]
    /// The `Authorization` header.
    var authorization: String?
    /// The body.
    var body: [UInt8]
}

/// A response as the sandbox's logic produces it: always JSON.
struct SandboxHTTPResponse: Sendable {
    /// The HTTP status.
    var status: Int
    /// Headers besides `Content-Type` (`Retry-After`).
    var headers: [(String, String)] = []
    /// The JSON body.
    var body: [UInt8]
}
