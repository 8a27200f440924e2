/// The endpoints the sandbox answers, for counting and logging requests.
package enum GongSandboxEndpoint: String, Sendable, Hashable, CaseIterable {
    /// `POST /v2/calls/extensive`.
    case callsExtensive = "POST /v2/calls/extensive"
    /// `GET /v2/calls`.
    case calls = "GET /v2/calls"
    /// `GET /v2/calls/{id}`.
    case call = "GET /v2/calls/{id}"
    /// `GET /v2/users`.
    case users = "GET /v2/users"
    /// Any other method or path (answered 404 or 405).
    case unknown = "other"

    /// The endpoint `method` and `path` address (a trailing slash is ignored).
    static func route(method: String, path: String) -> (endpoint: GongSandboxEndpoint, knownPath: Bool) {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let method = method.uppercased()
        switch path {
        case "/v2/calls/extensive": return (method == "POST" ? .callsExtensive : .unknown, true)
        case "/v2/calls": return (method == "GET" ? .calls : .unknown, true)
        case "/v2/users": return (method == "GET" ? .users : .unknown, true)
        default:
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 4, parts[1] == "v2", parts[2] == "calls", !parts[3].isEmpty {
                return (method == "GET" ? .call : .unknown, true)
            }
            return (.unknown, false)
        }
    }

    /// Whether a wrong or missing credential is answered 403 (users endpoints) rather than 401 (calls).
    var deniesWithForbidden: Bool { self == .users }
}
