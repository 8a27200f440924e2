package import Foundation

// When a cron schedule fires, in an IANA zone, across DST changes. Hand-written like the parser in
// CronSchedule.swift: no listed package parses or evaluates cron.
//
// The rule: a slot (a local wall time the schedule names) fires at the first instant at which the zone's wall clock
// reaches it. A wall time that exists once fires then; one repeated by a fall-back fires at its first occurrence; one
// skipped by a spring-forward gap fires at the transition instant, the first valid instant after the gap, and all the
// slots inside one gap (and one at the gap's end) collapse into that single fire. So the schedule fires strictly after
// an instant `t` exactly for the slots later than the highest wall time the clock has shown up to `t`, which is what
// `nextFire` computes: it walks local days (civil arithmetic, no Calendar), skips months and days that do not match,
// and resolves only the first slot past that high-water mark.

extension CronSchedule {
    /// The first instant strictly after `date` at which the schedule fires in `zone`, or nil if it never fires in the
    /// next nine years (`0 0 31 4 *`, `0 0 30 2 *`). Wall times skipped by a spring-forward fire once, at the end of
    /// the gap; wall times repeated by a fall-back fire once, at their first occurrence.
    package func nextFire(after date: Date, in zone: TimeZone) -> Date? {
        guard let after = ZoneOffsets.seconds(date) else { return nil }
        return CronMatcher(self).nextFire(after: after, offsets: ZoneOffsets(zone)).map(ZoneOffsets.date)
    }

    /// The next `count` fire instants strictly after `date` in `zone`, in order; fewer if the schedule stops firing.
    package func fires(after date: Date, in zone: TimeZone, count: Int) -> [Date] {
        guard var after = ZoneOffsets.seconds(date) else { return [] }
        let matcher = CronMatcher(self)
        let offsets = ZoneOffsets(zone)
        var result: [Date] = []
        while result.count < count, let next = matcher.nextFire(after: after, offsets: offsets) {
            result.append(ZoneOffsets.date(next))
            after = next
        }
        return result
    }
}

/// A schedule as bit masks and sorted lists, for walking local days and slots quickly. Wall times are seconds since
/// 1970-01-01 00:00 as if the local time were UTC.
struct CronMatcher {
    /// How far ahead `nextFire` looks before giving up: nine years of days, so `0 0 29 2 *` is always found.
    static let searchDays = 9 * 366

    let minutes: [Int]
    let hours: [Int]
    let dayOfMonthMask: UInt32
    let monthMask: UInt16
    let dayOfWeekMask: UInt8
    let isAnyDayOfMonth: Bool
    let isAnyDayOfWeek: Bool

    init(_ schedule: CronSchedule) {
        minutes = schedule.minutes.sorted()
        hours = schedule.hours.sorted()
        dayOfMonthMask = schedule.daysOfMonth.reduce(0) { $0 | 1 << UInt32($1) }
        monthMask = schedule.months.reduce(0) { $0 | 1 << UInt16($1) }
        dayOfWeekMask = schedule.daysOfWeek.reduce(0) { $0 | 1 << UInt8($1 % 7) }
        isAnyDayOfMonth = schedule.isAnyDayOfMonth
        isAnyDayOfWeek = schedule.isAnyDayOfWeek
    }

    /// The first fire instant (whole seconds since 1970) strictly after `after`.
    func nextFire(after: Int, offsets: ZoneOffsets) -> Int? {
        var highWater = offsets.highWaterWall(at: after)
        let lastDay = CivilDate.floorDivide(highWater, 86_400) + Self.searchDays
        // Resolution is monotone in the wall time, so the first slot past the high-water mark is the answer; the
        // loop only guards against zones that change offset twice within a few days.
        for _ in 0..<64 {
            guard let wall = firstSlot(after: highWater, throughDay: lastDay) else { return nil }
            if let instant = offsets.resolve(wall: wall), instant > after { return instant }
            highWater = wall
        }
        return nil
    }

    /// The first wall time (a multiple of 60) strictly after `wall` that the schedule names, on a local day no later
    /// than `lastDay` (days since 1970-01-01).
    func firstSlot(after wall: Int, throughDay lastDay: Int) -> Int? {
        guard !minutes.isEmpty, !hours.isEmpty else { return nil }
        var day = CivilDate.floorDivide(wall, 86_400)
        var from = wall - day * 86_400  // slots of `day` must be later than this second of the day
        while day <= lastDay {
            let date = CivilDate(days: day)
            guard monthMask & 1 << UInt16(date.month) != 0 else {
                day = CivilDate.days(
                    year: date.month == 12 ? date.year + 1 : date.year, month: date.month % 12 + 1, day: 1)
                from = -1
                continue
            }
            if matchesDay(date, weekday: CivilDate.weekday(days: day)) {
                for hour in hours where hour * 3600 + 59 * 60 > from {
                    for minute in minutes where hour * 3600 + minute * 60 > from {
                        return day * 86_400 + hour * 3600 + minute * 60
                    }
                }
            }
            day += 1
            from = -1
        }
        return nil
    }

    private func matchesDay(_ date: CivilDate, weekday: Int) -> Bool {
        let dayOfMonth = dayOfMonthMask & 1 << UInt32(date.day) != 0
        let dayOfWeek = dayOfWeekMask & 1 << UInt8(weekday) != 0
        return isAnyDayOfMonth || isAnyDayOfWeek ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek
    }
}

/// A zone's UTC offsets, by whole seconds since 1970; everything it knows comes from `TimeZone.secondsFromGMT(for:)`.
struct ZoneOffsets {
    let zone: TimeZone

    init(_ zone: TimeZone) { self.zone = zone }

    /// Whole seconds since 1970, rounded down; nil for NaN, infinities and instants too far out.
    static func seconds(_ date: Date) -> Int? {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite, abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    static func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: Double(seconds)) }

    /// The offset east of UTC, in seconds, at `instant`.
    func offset(_ instant: Int) -> Int { zone.secondsFromGMT(for: Self.date(instant)) }

    /// The first instant in (`low`, `high`] whose offset differs from the one at `low`, by bisection; `high` if the
    /// offset at `high` is the same.
    func firstChange(after low: Int, through high: Int) -> Int {
        let before = offset(low)
        var low = low
        var high = high
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(middle) == before { low = middle } else { high = middle }
        }
        return high
    }

    /// The highest wall time the clock has shown at or before `instant`: the wall time now, or, shortly after a
    /// fall-back, the last wall time before it.
    func highWaterWall(at instant: Int) -> Int {
        let now = offset(instant)
        let dayBefore = offset(instant - 86_400)
        guard dayBefore > now else { return instant + now }
        let transition = firstChange(after: instant - 86_400, through: instant)
        return max(instant + now, transition - 1 + dayBefore)
    }

    /// The first instant at which the wall clock reaches `wall`: its first occurrence, or, inside a spring-forward
    /// gap, the transition instant that ends the gap. Nil only for zones that change offset twice within days.
    func resolve(wall: Int) -> Int? {
        let before = offset(wall - 2 * 86_400)
        let after = offset(wall + 2 * 86_400)
        // The larger offset gives the earlier instant: the first occurrence in an overlap.
        for candidate in before >= after ? [before, after] : [after, before] where offset(wall - candidate) == candidate
        {
            return wall - candidate
        }
        guard after > before else { return nil }
        return firstChange(after: wall - after, through: wall - before)
    }

    /// The offset changes in [`from`, `through`]: the instant each takes effect, with the offsets before and after.
    func transitions(from: Int, through: Int) -> [(instant: Int, before: Int, after: Int)] {
        var result: [(instant: Int, before: Int, after: Int)] = []
        var low = from - 1
        var lowOffset = offset(low)
        while low < through {
            let high = min(low + 6 * 3600, through)
            let highOffset = offset(high)
            if highOffset != lowOffset {
                let instant = firstChange(after: low, through: high)
                result.append((instant, offset(instant - 1), offset(instant)))
                low = instant
                lowOffset = offset(instant)
            } else {
                low = high
                lowOffset = highOffset
            }
        }
        return result
    }
}

/// A proleptic Gregorian date, from and to days since 1970-01-01 (Howard Hinnant's public-domain algorithms).
struct CivilDate {
    let year: Int
    let month: Int
    let day: Int

    init(days: Int) {
        let z = days + 719_468
        let era = Self.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 = Sunday; 1970-01-01 was a Thursday.
    static func weekday(days: Int) -> Int { (days % 7 + 11) % 7 }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    /// `HH:mm` of a wall time.
    static func clockText(wall: Int) -> String {
        let second = wall - floorDivide(wall, 86_400) * 86_400
        return pad(second / 3600) + ":" + pad(second % 3600 / 60)
    }

    /// `yyyy-MM-dd` of a wall time.
    static func dateText(wall: Int) -> String {
        let date = CivilDate(days: floorDivide(wall, 86_400))
        let year = String(date.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + pad(date.month) + "-"
            + pad(date.day)
    }

    /// `+05:30`, `-07:00`: an offset in seconds as hours and minutes.
    static func offsetText(_ offset: Int) -> String {
        (offset < 0 ? "-" : "+") + pad(abs(offset) / 3600) + ":" + pad(abs(offset) % 3600 / 60)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
