/// A misbehaviour the sandbox can switch on, to test how a client copes with the real API's bad days.
package enum GongSandboxFault: Sendable, Equatable, CustomStringConvertible {
    /// Every `everyNth` request (counted from when the fault is set) answers 429 with `Retry-After`.
    case rateLimit(everyNth: Int, retryAfterSeconds: Int)
    /// The next `count` requests answer `status` (500 or 503) with Gong's error body.
    case serverErrors(count: Int, status: Int = 500)
    /// The next `count` requests are answered after `delay`.
    case slowResponses(delay: Duration, count: Int)
    /// The next `count` successful bodies are cut in half (status 200, malformed JSON), once `after` more
    /// successful bodies have been served whole (so a test can break page k+1 of a run).
    case truncatedBodies(count: Int, after: Int = 0)
    /// These calls are invisible until `GongSandbox.releaseLateCalls()`: Gong processing recordings late.
    case lateCalls(GongLateCalls)

    /// The fault in words, e.g. `server errors (3 × 503)`.
    package var description: String {
        switch self {
        case .rateLimit(let everyNth, let retryAfterSeconds):
            "rate limit (every \(everyNth)th request, Retry-After \(retryAfterSeconds)s)"
        case .serverErrors(let count, let status): "server errors (\(count) × \(status))"
        case .slowResponses(let delay, let count): "slow responses (\(count) × \(delay))"
        case .truncatedBodies(let count, 0): "truncated bodies (\(count))"
        case .truncatedBodies(let count, let after): "truncated bodies (\(count), after \(after) whole)"
        case .lateCalls(.ids(let ids)): "late calls (\(ids.count) ids)"
        case .lateCalls(.fraction(let fraction)): "late calls (\(Int((fraction * 100).rounded()))%)"
        }
    }
}
