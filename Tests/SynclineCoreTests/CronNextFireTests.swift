import Foundation
import SynclineCore
import Testing

/// A zone's wall clock over a year, minute by minute: the reference the brute-force tests walk. It uses only
/// `TimeZone.secondsFromGMT(for:)` and a UTC `Calendar`, nothing of the implementation under test.
private struct WallClock {
    /// Minutes since 1970 of the first instant walked.
    let firstMinute: Int
    /// The local wall minute (minutes since 1970 as if the local time were UTC) of each minute instant walked.
    let walls: [Int]
    /// Days since 1970 of the first wall day in `dates`.
    let firstDay: Int
    /// Day of the month, month and weekday (0 = Sunday) of each wall day walked.
    let dates: [(day: Int, month: Int, weekday: Int)]

    /// From two days before `year` starts in UTC to two days after it ends. Offsets are read once an hour, and minute
    /// by minute only in hours where they change.
    init(zone: TimeZone, year: Int) throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try #require(utc.date(from: DateComponents(year: year, month: 1, day: 1)))
        let end = try #require(utc.date(from: DateComponents(year: year + 1, month: 1, day: 1)))
        firstMinute = Int(start.timeIntervalSince1970) / 60 - 2 * 1440
        let hours = (Int(end.timeIntervalSince1970) / 60 + 2 * 1440 - firstMinute) / 60
        func offsetMinutes(_ minute: Int) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minute * 60))) / 60
        }
        var hourly: [Int] = []
        for hour in 0...hours { hourly.append(offsetMinutes(firstMinute + hour * 60)) }
        var walls: [Int] = []
        walls.reserveCapacity(hours * 60)
        for hour in 0..<hours {
            let base = firstMinute + hour * 60
            let steady = hourly[hour] == hourly[hour + 1]
            for minute in 0..<60 {
                walls.append(base + minute + (steady ? hourly[hour] : offsetMinutes(base + minute)))
            }
        }
        self.walls = walls
        firstDay = (walls.min() ?? 0) / 1440
        var dates: [(day: Int, month: Int, weekday: Int)] = []
        for day in firstDay...(walls.max() ?? 0) / 1440 {
            let parts = utc.dateComponents(
                [.day, .month, .weekday], from: Date(timeIntervalSince1970: Double(day * 86_400)))
            dates.append((parts.day ?? 0, parts.month ?? 0, (parts.weekday ?? 1) - 1))
        }
        self.dates = dates
    }

    /// The instants (seconds since 1970) at which `cron` fires, strictly after the first day walked: it fires at an
    /// instant when a wall minute it names lies after the highest wall minute seen so far and no later than the
    /// instant's own, so a skipped wall minute fires at the first instant after it and a repeated one does not fire
    /// again.
    func fires(of cron: CronSchedule) throws -> [Int] {
        let anyMinute = try #require(cron.minutes.min())
        let anyHour = try #require(cron.hours.min())
        let dayMatches = dates.map {
            cron.matches(minute: anyMinute, hour: anyHour, day: $0.day, month: $0.month, weekday: $0.weekday)
        }
        var slotMatches = [Bool](repeating: false, count: 1440)
        for hour in cron.hours { for minute in cron.minutes { slotMatches[hour * 60 + minute] = true } }
        var result: [Int] = []
        // Unsafe buffers and a while loop keep the half-million steps fast in a debug build.
        walls.withUnsafeBufferPointer { walls in
            dayMatches.withUnsafeBufferPointer { dayMatches in
                slotMatches.withUnsafeBufferPointer { slotMatches in
                    var highWater = walls[0]
                    var index = 1
                    while index < walls.count {
                        let wall = walls[index]
                        var candidate = highWater + 1
                        while candidate <= wall {
                            if dayMatches[candidate / 1440 - firstDay] && slotMatches[candidate % 1440] {
                                if index > 1440 { result.append((firstMinute + index) * 60) }
                                break
                            }
                            candidate += 1
                        }
                        if wall > highWater { highWater = wall }
                        index += 1
                    }
                }
            }
        }
        return result
    }
}

@Suite("Cron next fire")
struct CronNextFireTests {
    static let zones = [
        "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham",
        "Asia/Kolkata", "America/Havana", "UTC",
    ]
    static let expressions = [
        "0 23 * * *", "30 2 * * *", "*/15 1-3 * * *", "0,30 0-3 * * SUN", "0 0 13 * 5", "*/7 */5 */2 * *",
        "0 1 29 2 *", "15 2 1-7 3,10,11 0", "0 0 * * *", "45 2 * * *",
    ]

    private func zone(_ identifier: String) throws -> TimeZone { try #require(TimeZone(identifier: identifier)) }

    private func instant(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    @Test(
        "nextFire matches a minute-by-minute walk of the wall clock for a whole year",
        arguments: zones, [2024, 2026, 2027])
    func bruteForce(zoneIdentifier: String, year: Int) throws {
        let zone = try zone(zoneIdentifier)
        let clock = try WallClock(zone: zone, year: year)
        let start = (clock.firstMinute + 1440) * 60
        let end = (clock.firstMinute + clock.walls.count - 1) * 60
        for expression in Self.expressions {
            let cron = try CronSchedule(parsing: expression)
            let expected = try clock.fires(of: cron)
            var actual: [Int] = []
            var after = Date(timeIntervalSince1970: Double(start))
            while let next = cron.nextFire(after: after, in: zone), next.timeIntervalSince1970 <= Double(end) {
                actual.append(Int(next.timeIntervalSince1970))
                after = next
            }
            guard actual != expected else { continue }
            let index = (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] }
            let difference = index.map { "first difference at fire \($0): \(actual[$0]) instead of \(expected[$0])" }
            let detail = difference ?? "one list is a prefix of the other"
            Issue.record(
                "\(expression) in \(zoneIdentifier), \(year): \(actual.count) fires instead of \(expected.count); \(detail)"
            )
        }
    }

    @Test("02:30 on the spring-forward day in Los Angeles fires once, at 03:00 PDT")
    func springForward() throws {
        let cron = try CronSchedule(parsing: "30 2 * * *")
        let fires = cron.fires(
            after: try instant("2027-03-13T12:00:00Z"), in: try zone("America/Los_Angeles"), count: 3)
        #expect(
            fires == [
                try instant("2027-03-14T10:00:00Z"), try instant("2027-03-15T09:30:00Z"),
                try instant("2027-03-16T09:30:00Z"),
            ])
    }

    @Test("slots inside a gap and the slot at its end collapse into one fire")
    func gapCollapses() throws {
        let cron = try CronSchedule(parsing: "*/15 2-3 * * *")
        let fires = cron.fires(
            after: try instant("2027-03-14T09:00:00Z"), in: try zone("America/Los_Angeles"), count: 3)
        #expect(
            fires == [
                try instant("2027-03-14T10:00:00Z"), try instant("2027-03-14T10:15:00Z"),
                try instant("2027-03-14T10:30:00Z"),
            ])
    }

    @Test("01:30 on the fall-back day in Los Angeles fires once, at the first 01:30 (PDT)")
    func fallBack() throws {
        let cron = try CronSchedule(parsing: "30 1 * * *")
        let fires = cron.fires(
            after: try instant("2027-11-07T00:00:00Z"), in: try zone("America/Los_Angeles"), count: 2)
        #expect(fires == [try instant("2027-11-07T08:30:00Z"), try instant("2027-11-08T09:30:00Z")])
        // Asked between the two 01:30s, the next one is the following day's.
        #expect(
            cron.nextFire(after: try instant("2027-11-07T09:00:00Z"), in: try zone("America/Los_Angeles"))
                == (try instant("2027-11-08T09:30:00Z")))
    }

    @Test("Lord Howe's 30-minute gap and overlap")
    func lordHowe() throws {
        let zone = try zone("Australia/Lord_Howe")
        // 2027-10-03 02:00 +10:30 becomes 02:30 +11:00; 02:15 fires at the transition, 15:30Z the day before.
        let gap = try CronSchedule(parsing: "15 2 * * *")
        #expect(
            gap.fires(after: try instant("2027-10-02T12:00:00Z"), in: zone, count: 2) == [
                try instant("2027-10-02T15:30:00Z"), try instant("2027-10-03T15:15:00Z"),
            ])
        // 2027-04-04 02:00 +11:00 becomes 01:30 +10:30; 01:45 fires at its first occurrence only.
        let overlap = try CronSchedule(parsing: "45 1 * * *")
        #expect(
            overlap.fires(after: try instant("2027-04-03T12:00:00Z"), in: zone, count: 2) == [
                try instant("2027-04-03T14:45:00Z"), try instant("2027-04-04T15:15:00Z"),
            ])
    }

    @Test("where midnight does not exist (Santiago), midnight fires at 01:00 and 01:00 does not fire again")
    func midnightGap() throws {
        let zone = try zone("America/Santiago")
        // 2026-09-06 00:00 -04:00 becomes 01:00 -03:00, at 04:00Z.
        let cron = try CronSchedule(parsing: "0,30 0-3 * * SUN")
        #expect(
            cron.fires(after: try instant("2026-09-05T12:00:00Z"), in: zone, count: 2) == [
                try instant("2026-09-06T04:00:00Z"), try instant("2026-09-06T04:30:00Z"),
            ])
    }

    @Test(
        "schedules that never fire give nil; 29 February is found four years out", arguments: ["UTC", "Europe/London"])
    func neverAndRarely(zoneIdentifier: String) throws {
        let zone = try zone(zoneIdentifier)
        let start = try instant("2026-01-01T00:00:00Z")
        #expect(try CronSchedule(parsing: "0 0 31 4 *").nextFire(after: start, in: zone) == nil)
        #expect(try CronSchedule(parsing: "0 0 30 2 *").nextFire(after: start, in: zone) == nil)
        #expect(try CronSchedule(parsing: "0 0 30,31 2 *").fires(after: start, in: zone, count: 3).isEmpty)
        let leap = try CronSchedule(parsing: "0 0 29 2 *")
        #expect(leap.nextFire(after: start, in: zone) == (try instant("2028-02-29T00:00:00Z")))
        // 2100 is not a leap year: from March 2096 the next 29 February is in 2104.
        #expect(
            leap.nextFire(after: try instant("2096-03-01T00:00:00Z"), in: zone)
                == (try instant("2104-02-29T00:00:00Z")))
    }

    @Test("fractional and exact instants: strictly after")
    func strictlyAfter() throws {
        let cron = try CronSchedule(parsing: "0 23 * * *")
        let utc = try zone("UTC")
        let fire = try instant("2026-05-01T23:00:00Z")
        #expect(cron.nextFire(after: fire, in: utc) == (try instant("2026-05-02T23:00:00Z")))
        #expect(cron.nextFire(after: fire.addingTimeInterval(-0.5), in: utc) == fire)
        #expect(cron.fires(after: fire, in: utc, count: 0).isEmpty)
    }

    @Test("a gap in Los Angeles: one shift with the exact summary")
    func shiftGap() throws {
        let zone = try zone("America/Los_Angeles")
        let shifts = try CronSchedule(parsing: "30 2 * * *").daylightSavingShifts(
            in: zone, from: try instant("2027-01-01T00:00:00Z"), through: try instant("2028-01-01T00:00:00Z"))
        #expect(
            shifts == [
                DaylightSavingShift(
                    kind: .gap, transition: try instant("2027-03-14T10:00:00Z"), skippedOrRepeated: ["02:30"],
                    firesAt: try instant("2027-03-14T10:00:00Z"), localDate: "2027-03-14",
                    summary: "on 2027-03-14 02:30 does not exist in America/Los_Angeles (clocks go from 02:00 to "
                        + "03:00); the job runs once at 03:00 (-07:00)")
            ])
    }

    @Test("an overlap in Los Angeles: one shift at the first 01:30")
    func shiftOverlap() throws {
        let zone = try zone("America/Los_Angeles")
        let shifts = try CronSchedule(parsing: "30 1 * * *").daylightSavingShifts(
            in: zone, from: try instant("2027-01-01T00:00:00Z"), through: try instant("2028-01-01T00:00:00Z"))
        #expect(shifts.count == 1)
        let shift = try #require(shifts.first)
        #expect(shift.kind == .overlap)
        #expect(shift.transition == (try instant("2027-11-07T09:00:00Z")))
        #expect(shift.firesAt == (try instant("2027-11-07T08:30:00Z")))
        #expect(shift.localDate == "2027-11-07")
        #expect(shift.skippedOrRepeated == ["01:30"])
        #expect(
            shift.summary
                == "on 2027-11-07 01:30 happens twice in America/Los_Angeles (clocks go back from 02:00 to 01:00); "
                + "the job runs once, at the first 01:30 (-07:00)")
    }

    @Test("the default 23:00 schedule is untouched by DST in Los Angeles")
    func shiftNone() throws {
        let shifts = try CronSchedule(parsing: "0 23 * * *").daylightSavingShifts(
            in: try zone("America/Los_Angeles"), from: try instant("2027-01-01T00:00:00Z"),
            through: try instant("2028-01-01T00:00:00Z"))
        #expect(shifts.isEmpty)
    }

    @Test("Lord Howe: half-hour overlap in April and gap in October")
    func shiftLordHowe() throws {
        let shifts = try CronSchedule(parsing: "*/15 1-2 * * *").daylightSavingShifts(
            in: try zone("Australia/Lord_Howe"), from: try instant("2027-01-01T00:00:00Z"),
            through: try instant("2028-01-01T00:00:00Z"))
        #expect(shifts.map(\.kind) == [.overlap, .gap])
        #expect(shifts.map(\.localDate) == ["2027-04-04", "2027-10-03"])
        #expect(shifts.map(\.skippedOrRepeated) == [["01:30", "01:45"], ["02:00", "02:15"]])
        #expect(shifts.map(\.transition) == [try instant("2027-04-03T15:00:00Z"), try instant("2027-10-02T15:30:00Z")])
        #expect(shifts.map(\.firesAt) == [try instant("2027-04-03T14:30:00Z"), try instant("2027-10-02T15:30:00Z")])
        #expect(
            shifts.last?.summary
                == "on 2027-10-03 02:00 and 02:15 do not exist in Australia/Lord_Howe (clocks go from 02:00 to 02:30); "
                + "the job runs once at 02:30 (+11:00)")
    }

    @Test("Santiago: the repeated hour is on the Saturday before midnight")
    func shiftSantiago() throws {
        let shifts = try CronSchedule(parsing: "30 23 * * *").daylightSavingShifts(
            in: try zone("America/Santiago"), from: try instant("2026-01-01T00:00:00Z"),
            through: try instant("2027-01-01T00:00:00Z"))
        #expect(shifts.map(\.kind) == [.overlap])
        #expect(shifts.first?.localDate == "2026-04-04")
        #expect(
            shifts.first?.summary
                == "on 2026-04-04 23:30 happens twice in America/Santiago (clocks go back from 00:00 to 23:00); "
                + "the job runs once, at the first 23:30 (-03:00)")
    }

    @Test(
        "every shift's firesAt is where nextFire goes, and its slots do not fire elsewhere",
        arguments: zones.filter { $0 != "UTC" && $0 != "Asia/Kolkata" })
    func shiftsAgreeWithNextFire(zoneIdentifier: String) throws {
        let zone = try zone(zoneIdentifier)
        for expression in Self.expressions {
            let cron = try CronSchedule(parsing: expression)
            let shifts = cron.daylightSavingShifts(
                in: zone, from: try instant("2026-01-01T00:00:00Z"), through: try instant("2028-01-01T00:00:00Z"))
            for shift in shifts {
                #expect(
                    cron.nextFire(after: shift.firesAt.addingTimeInterval(-1), in: zone) == shift.firesAt,
                    "\(expression): \(shift.summary)")
            }
        }
    }
}
