/// How a sandbox authenticates, pages and throttles: the credentials it accepts, its page size, its budgets and
/// the faults it starts with.
package struct GongSandboxConfiguration: Sendable, CustomStringConvertible {
    /// The access key a client must send in `Authorization: Basic base64(accessKey:accessKeySecret)`.
    package var accessKey: String
    /// The access key's secret.
    package var accessKeySecret: String
    /// A token accepted as `Authorization: Bearer <token>`; nil accepts Basic auth only.
    package var bearerToken: String?
    /// Items per page on every list endpoint (Gong's is 100).
    package var pageSize: Int
    /// Requests accepted per second before answering 429 (Gong's default is 3); nil for no limit.
    package var requestsPerSecond: Int?
    /// Requests accepted per day before answering 429 (Gong's default is 10,000); nil for no limit.
    package var requestsPerDay: Int?
    /// Faults active from the start.
    package var faults: [GongSandboxFault]

    /// Creates a configuration; by default the credentials are `sandbox` / `sandbox`, pages hold 100 items and
    /// nothing is throttled.
    package init(
        accessKey: String = "sandbox", accessKeySecret: String = "sandbox", bearerToken: String? = nil,
        pageSize: Int = 100, requestsPerSecond: Int? = nil, requestsPerDay: Int? = nil,
        faults: [GongSandboxFault] = []
    ) {
        self.accessKey = accessKey
        self.accessKeySecret = accessKeySecret
        self.bearerToken = bearerToken
        self.pageSize = pageSize
        self.requestsPerSecond = requestsPerSecond
        self.requestsPerDay = requestsPerDay
        self.faults = faults
    }

    /// The settings without the secrets (the access key is shown, its secret and the bearer token are not).
    package var description: String {
        var parts = ["access key \(accessKey)", "secret <redacted>"]
        if bearerToken != nil { parts.append("bearer token <redacted>") }
        parts.append("page size \(pageSize)")
        if let requestsPerSecond { parts.append("\(requestsPerSecond) requests/s") }
        if let requestsPerDay { parts.append("\(requestsPerDay) requests/day") }
        if !faults.isEmpty { parts.append("faults: \(faults.map(\.description).joined(separator: ", "))") }
        return parts.joined(separator: ", ")
    }
}
