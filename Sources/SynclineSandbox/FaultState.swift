/// The faults a sandbox has switched on and how much of each is left.
struct FaultState: Sendable {
    /// Every `everyNth` request answers 429; `seen` counts requests since the fault was set.
    var rateLimit: (everyNth: Int, retryAfterSeconds: Int, seen: Int)?
    /// The next `remaining` requests answer `status`.
    var serverErrors: (remaining: Int, status: Int)?
    /// The next `remaining` requests wait `delay` first.
    var slowResponses: (delay: Duration, remaining: Int)?
    /// The next this many successful bodies are cut in half, once `wholeBodiesBeforeTruncation` more are served.
    var truncatedBodies = 0
    /// Successful bodies still served whole before the truncation starts.
    var wholeBodiesBeforeTruncation = 0
    /// What the late-calls fault hides, as set.
    var lateCalls: GongLateCalls?
    /// The index positions of the hidden calls.
    var hidden: Set<Int32> = []

    /// Switches `fault` on, replacing one of the same kind; late calls are resolved against `index`.
    mutating func apply(_ fault: GongSandboxFault, index: CallIndex) {
        switch fault {
        case .rateLimit(let everyNth, let retryAfterSeconds):
            rateLimit = (max(everyNth, 1), max(retryAfterSeconds, 0), 0)
        case .serverErrors(let count, let status):
            serverErrors = (max(count, 0), (500...599).contains(status) ? status : 500)
        case .slowResponses(let delay, let count):
            slowResponses = (delay, max(count, 0))
        case .truncatedBodies(let count, let after):
            truncatedBodies = max(count, 0)
            wholeBodiesBeforeTruncation = max(after, 0)
        case .lateCalls(let calls):
            lateCalls = calls
            switch calls {
            case .ids(let ids): hidden = index.positions(ofIds: ids)
            case .fraction(let fraction): hidden = index.positions(fraction: fraction)
            }
        }
    }

    /// Makes hidden calls visible.
    mutating func releaseLateCalls() {
        lateCalls = nil
        hidden = []
    }

    /// The active faults with what remains of each.
    var active: [GongSandboxFault] {
        var faults: [GongSandboxFault] = []
        if let rateLimit {
            faults.append(.rateLimit(everyNth: rateLimit.everyNth, retryAfterSeconds: rateLimit.retryAfterSeconds))
        }
        if let serverErrors, serverErrors.remaining > 0 {
            faults.append(.serverErrors(count: serverErrors.remaining, status: serverErrors.status))
        }
        if let slowResponses, slowResponses.remaining > 0 {
            faults.append(.slowResponses(delay: slowResponses.delay, count: slowResponses.remaining))
        }
        if truncatedBodies > 0 {
            faults.append(.truncatedBodies(count: truncatedBodies, after: wholeBodiesBeforeTruncation))
        }
        if let lateCalls { faults.append(.lateCalls(lateCalls)) }
        return faults
    }

    /// The delay for the next request, counting it against the slow-responses fault.
    mutating func takeDelay() -> Duration? {
        guard let slow = slowResponses, slow.remaining > 0 else { return nil }
        slowResponses = slow.remaining > 1 ? (slow.delay, slow.remaining - 1) : nil
        return slow.delay
    }

    /// Whether the next admitted request is the rate limit's Nth, and the `Retry-After` to send.
    mutating func takeRateLimit() -> Int? {
        guard var limit = rateLimit else { return nil }
        limit.seen += 1
        rateLimit = limit
        return limit.seen % limit.everyNth == 0 ? limit.retryAfterSeconds : nil
    }

    /// The status of the next injected server error, if one is due.
    mutating func takeServerError() -> Int? {
        guard let errors = serverErrors, errors.remaining > 0 else { return nil }
        serverErrors = errors.remaining > 1 ? (errors.remaining - 1, errors.status) : nil
        return errors.status
    }

    /// Whether the next successful body is to be truncated.
    mutating func takeTruncation() -> Bool {
        guard truncatedBodies > 0 else { return false }
        guard wholeBodiesBeforeTruncation == 0 else {
            wholeBodiesBeforeTruncation -= 1
            return false
        }
        truncatedBodies -= 1
        return true
    }
}
