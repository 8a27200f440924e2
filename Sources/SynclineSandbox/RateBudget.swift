/// Gong's request budgets: so many requests per second (a sliding second) and per day (from the first request).
struct RateBudget: Sendable {
    /// Requests accepted per second; nil for no limit.
    var perSecond: Int?
    /// Requests accepted per day; nil for no limit.
    var perDay: Int?
    private var recent: [ContinuousClock.Instant] = []
    private var dayStart: ContinuousClock.Instant?
    private var dayCount = 0

    /// Creates budgets; nil means unlimited.
    init(perSecond: Int?, perDay: Int?) {
        self.perSecond = perSecond
        self.perDay = perDay
    }

    /// Counts a request at `now`, or returns the whole seconds to wait (at least 1) when a budget is spent.
    mutating func admit(at now: ContinuousClock.Instant) -> Int? {
        if let perSecond {
            recent.removeAll { now - $0 >= .seconds(1) }
            if recent.count >= max(perSecond, 0) {
                return Self.wholeSeconds(.seconds(1) - (recent.first.map { now - $0 } ?? .zero))
            }
        }
        if let perDay {
            if let start = dayStart, now - start < .seconds(86_400) {
                if dayCount >= max(perDay, 0) { return Self.wholeSeconds(.seconds(86_400) - (now - start)) }
            } else {
                dayStart = now
                dayCount = 0
            }
        }
        if perSecond != nil { recent.append(now) }
        if perDay != nil {
            if dayStart == nil { dayStart = now }
            dayCount += 1
        }
        return nil
    }

    private static func wholeSeconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
