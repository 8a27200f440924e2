import Foundation
import SynclineCore

/// A local stand-in for Gong's API v2: `POST /v2/calls/extensive`, `GET /v2/calls`, `GET /v2/calls/{id}` and
/// `GET /v2/users` with Gong's auth, paging, errors and rate limits, plus faults switched on at will.
///
/// Start it with `run(port:onListening:)`; while it runs, tests switch faults (`setFault(_:)`, `clearFaults()`,
/// `releaseLateCalls()`) between requests and read what clients did (`requestLog`, `requestCount`).
package actor GongSandbox {
    /// The users and calls served.
    package nonisolated let data: GongSandboxData
    /// Credentials, page size, initial budgets and faults.
    package nonisolated let configuration: GongSandboxConfiguration

    /// Tells this instance's cursors from another's.
    private let instanceTag: String
    private var requestNumber = 0
    private var counts: [GongSandboxEndpoint: Int] = [:]
    private var log: [GongSandboxRequest] = []
    private var budget: RateBudget
    private var faults = FaultState()
    private var chains: [Int: PageChain] = [:]
    private var nextChain = 1

    /// A query being paged: what it asked and the calls (or users) it matched when its first page was served.
    private struct PageChain {
        let endpoint: GongSandboxEndpoint
        let filter: GongCallFilter?
        let selection: CallSelection
    }

    /// Chains kept for their cursors; older ones expire (their cursors then answer 400).
    private static let chainLimit = 256

    /// Log entries kept; a long-running sandbox forgets the oldest beyond this.
    private static let logLimit = 100_000

    /// Creates a sandbox serving `data`, with the faults in `configuration` active.
    package init(data: GongSandboxData, configuration: GongSandboxConfiguration = GongSandboxConfiguration()) {
        self.data = data
        self.configuration = configuration
        budget = RateBudget(perSecond: configuration.requestsPerSecond, perDay: configuration.requestsPerDay)
        instanceTag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var faults = FaultState()
        for fault in configuration.faults { faults.apply(fault, index: data.index) }
        self.faults = faults
    }

    // MARK: Faults and budgets

    /// Switches `fault` on, replacing an active fault of the same kind (its counters start again).
    package func setFault(_ fault: GongSandboxFault) {
        faults.apply(fault, index: data.index)
    }

    /// Switches every fault off; late calls become visible.
    package func clearFaults() {
        faults = FaultState()
    }

    /// Makes the calls hidden by `GongSandboxFault.lateCalls` visible: Gong has finished processing them.
    package func releaseLateCalls() {
        faults.releaseLateCalls()
    }

    /// The faults still active (counts are what remains).
    package var activeFaults: [GongSandboxFault] { faults.active }

    /// The number of calls currently hidden as late.
    package var hiddenCallCount: Int { faults.hidden.count }

    /// Sets the per-second budget (nil: unlimited).
    package func setRequestsPerSecond(_ limit: Int?) {
        budget.perSecond = limit
    }

    /// Sets the per-day budget (nil: unlimited).
    package func setRequestsPerDay(_ limit: Int?) {
        budget.perDay = limit
    }

    // MARK: What clients did

    /// Every request answered so far (the latest 100,000), oldest first.
    package var requestLog: [GongSandboxRequest] { log }

    /// The number of requests received (every endpoint, every outcome).
    package var requestCount: Int { requestNumber }

    /// The number of requests received for `endpoint`.
    package func requestCount(for endpoint: GongSandboxEndpoint) -> Int {
        counts[endpoint, default: 0]
    }

    /// Forgets the request log and counts (request numbers and ids keep counting).
    package func resetRequestLog() {
        log = []
        counts = [:]
    }

    // MARK: Handling a request

    /// What `admit` decided about a request.
    struct Admission: Sendable {
        let number: Int
        let requestId: String
        let endpoint: GongSandboxEndpoint
        let delay: Duration?
        let rejection: GongRequestError?
    }

    /// Counts the request and decides whether it is served: routing, credentials, budgets, then injected faults.
    func admit(_ request: SandboxHTTPRequest, endpoint: GongSandboxEndpoint, knownPath: Bool) -> Admission {
        requestNumber += 1
        counts[endpoint, default: 0] += 1
        let requestId = Self.requestId(number: requestNumber)
        let delay = faults.takeDelay()
        func admission(_ rejection: GongRequestError?) -> Admission {
            Admission(
                number: requestNumber, requestId: requestId, endpoint: endpoint, delay: delay, rejection: rejection)
        }
        guard endpoint != .unknown else {
            return admission(
                knownPath
                    ? GongRequestError(
                        status: 405, messages: ["Method \(request.method) is not allowed on \(request.path)"])
                    : GongRequestError(status: 404, messages: ["No such endpoint: \(request.path)"]))
        }
        guard authorized(request.authorization) else {
            return admission(
                endpoint.deniesWithForbidden
                    ? GongRequestError(status: 403, messages: ["Access denied: the credentials are missing or invalid"])
                    : GongRequestError(status: 401, messages: ["Unauthorized: the credentials are missing or invalid"]))
        }
        if let retryAfter = budget.admit(at: .now) {
            return admission(Self.tooManyRequests(retryAfter: retryAfter, reason: "API rate limit exceeded"))
        }
        if let retryAfter = faults.takeRateLimit() {
            return admission(Self.tooManyRequests(retryAfter: retryAfter, reason: "Too many requests"))
        }
        if let status = faults.takeServerError() {
            let message = status == 503 ? "Service temporarily unavailable" : "An error has occurred"
            return admission(GongRequestError(status: status, messages: [message]))
        }
        return admission(nil)
    }

    private static func tooManyRequests(retryAfter: Int, reason: String) -> GongRequestError {
        GongRequestError(status: 429, messages: [reason], headers: [("Retry-After", String(retryAfter))])
    }

    /// Whether `authorization` carries the configured access key and secret (Basic) or bearer token.
    private func authorized(_ authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return false }
        let credentials = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "basic":
            guard let decoded = Data(base64Encoded: credentials), let text = String(data: decoded, encoding: .utf8)
            else { return false }
            return text == "\(configuration.accessKey):\(configuration.accessKeySecret)"
        case "bearer":
            guard let token = configuration.bearerToken, !token.isEmpty else { return false }
            return credentials == token
        default:
            return false
        }
    }

    /// Records the outcome and applies body truncation to a successful response.
    func finish(
        _ admission: Admission, request: SandboxHTTPRequest, response: SandboxHTTPResponse, filter: GongCallFilter?,
        cursor: String?
    ) -> SandboxHTTPResponse {
        var response = response
        if response.status == 200, faults.takeTruncation() {
            response.body = Array(response.body.prefix(response.body.count / 2))
        }
        if log.count >= Self.logLimit { log.removeFirst(log.count - Self.logLimit + 1) }
        log.append(
            GongSandboxRequest(
                number: admission.number, requestId: admission.requestId, method: request.method, path: request.path,
                query: request.query, endpoint: admission.endpoint, status: response.status, filter: filter,
                cursor: cursor,
                authorizationScheme: request.authorization?.split(separator: " ", maxSplits: 1).first.map(String.init)
            ))
        return response
    }

    /// One page to serve: the positions (calls or users), the total and the cursor of the next page.
    struct PagePlan: Sendable {
        let positions: [Int]
        let total: Int
        let pageNumber: Int
        let nextCursor: String?
    }

    /// Resolves which items a list request gets: a new query's first page, or the page `cursor` points to.
    func planPage(
        endpoint: GongSandboxEndpoint, filter: GongCallFilter?, cursor: String?
    ) throws(GongRequestError) -> PagePlan {
        let chainNumber: Int
        let pageNumber: Int
        let chain: PageChain
        if let cursor {
            guard let (number, page) = decodeCursor(cursor), let found = chains[number], found.endpoint == endpoint
            else { throw .badRequest("Invalid or expired cursor") }
            if let filter, let original = found.filter, !filter.selectsSameCalls(as: original) {
                throw .badRequest("The cursor was issued for a different filter; repeat the same request with it")
            }
            (chainNumber, pageNumber, chain) = (number, page, found)
        } else {
            let selection: CallSelection
            if endpoint == .users {
                selection = .range(0..<data.users.count)
            } else {
                selection = data.index.select(filter ?? GongCallFilter(), hidden: faults.hidden)
                if selection.count == 0 { throw .noCalls }
            }
            chain = PageChain(endpoint: endpoint, filter: filter, selection: selection)
            chainNumber = nextChain
            nextChain += 1
            chains[chainNumber] = chain
            if chains.count > Self.chainLimit, let oldest = chains.keys.min() { chains[oldest] = nil }
            pageNumber = 0
        }
        let pageSize = max(configuration.pageSize, 1)
        let offset = pageNumber * pageSize
        guard offset < chain.selection.count || (pageNumber == 0 && chain.selection.count == 0) else {
            throw .badRequest("Invalid or expired cursor")
        }
        let positions = chain.selection.positions(offset: offset, limit: pageSize)
        let more = offset + positions.count < chain.selection.count
        return PagePlan(
            positions: positions, total: chain.selection.count, pageNumber: pageNumber,
            nextCursor: more ? encodeCursor(chain: chainNumber, page: pageNumber + 1) : nil)
    }

    /// The position of the visible call with `id`.
    func visiblePosition(ofId id: String) -> Int? {
        guard let position = data.index.position(ofId: id), !faults.hidden.contains(Int32(position)) else { return nil }
        return position
    }

    private func encodeCursor(chain: Int, page: Int) -> String {
        let text = "gong-sandbox:\(instanceTag):\(chain):\(page)"
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private func decodeCursor(_ cursor: String) -> (chain: Int, page: Int)? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 4, parts[0] == "gong-sandbox", parts[1] == instanceTag, let chain = Int(parts[2]),
            let page = Int(parts[3]), page >= 0
        else { return nil }
        return (chain, page)
    }

    /// A request id in Gong's style (19 lower-case letters and digits), the same for the same request number.
    static func requestId(number: Int) -> String {
        var random = SplitMix64(seed: UInt64(number) &* 0x2545_F491_4F6C_DD1D)
        var text = ""
        while text.count < 19 { text += String(random.next(), radix: 36) }
        return String(text.prefix(19))
    }
}
