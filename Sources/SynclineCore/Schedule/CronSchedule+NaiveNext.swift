package import Foundation

// Temporary, replaced by the DST-aware computation being written beside it: minute by minute, in the zone.
extension CronSchedule {
    /// The first instant strictly after `date` at which the schedule fires in `zone`.
    package func nextFire(after date: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var minute = (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        for _ in 0..<(400 * 1440) {
            let instant = Date(timeIntervalSince1970: minute)
            let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: instant)
            if matches(
                minute: parts.minute ?? 0, hour: parts.hour ?? 0, day: parts.day ?? 0, month: parts.month ?? 0,
                weekday: (parts.weekday ?? 1) - 1)
            {
                return instant
            }
            minute += 60
        }
        return nil
    }

    /// The next `count` instants after `date`.
    package func fires(after date: Date, in zone: TimeZone, count: Int) -> [Date] {
        var result: [Date] = []
        var last = date
        while result.count < count, let next = nextFire(after: last, in: zone) {
            result.append(next)
            last = next
        }
        return result
    }
}
