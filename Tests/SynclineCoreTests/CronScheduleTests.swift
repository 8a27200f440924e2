import SynclineCore
import Testing

@Suite("Cron schedules")
struct CronScheduleTests {
    @Test("the default schedule fires at 23:00 every day")
    func defaultSchedule() throws {
        let cron = try CronSchedule(parsing: "0 23 * * *")
        #expect(cron.matches(minute: 0, hour: 23, day: 14, month: 2, weekday: 3))
        #expect(!cron.matches(minute: 1, hour: 23, day: 14, month: 2, weekday: 3))
        #expect(!cron.matches(minute: 0, hour: 22, day: 14, month: 2, weekday: 3))
    }

    @Test("steps, ranges, lists and names expand to the right values")
    func expansion() throws {
        let cron = try CronSchedule(parsing: "*/15 9-17/4 1,15 JAN-MAR mon-fri")
        #expect(cron.minutes == [0, 15, 30, 45])
        #expect(cron.hours == [9, 13, 17])
        #expect(cron.daysOfMonth == [1, 15])
        #expect(cron.months == [1, 2, 3])
        #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
    }

    @Test("day 7 is Sunday, like day 0")
    func sundaySeven() throws {
        #expect(try CronSchedule(parsing: "0 0 * * 7").daysOfWeek == [0])
    }

    @Test("with both day fields restricted, either one matching is enough")
    func eitherDay() throws {
        let cron = try CronSchedule(parsing: "0 0 13 * 5")
        #expect(cron.matches(minute: 0, hour: 0, day: 13, month: 6, weekday: 2))
        #expect(cron.matches(minute: 0, hour: 0, day: 9, month: 6, weekday: 5))
        #expect(!cron.matches(minute: 0, hour: 0, day: 9, month: 6, weekday: 2))
    }

    @Test("a day field starting with * counts as unrestricted, as in Vixie cron, so both day fields must match")
    func starDayFields() throws {
        let stepped = try CronSchedule(parsing: "0 0 */2 * 5")
        #expect(stepped.isAnyDayOfMonth)
        #expect(!stepped.isAnyDayOfWeek)
        #expect(stepped.matches(minute: 0, hour: 0, day: 3, month: 6, weekday: 5))
        #expect(!stepped.matches(minute: 0, hour: 0, day: 4, month: 6, weekday: 5))
        #expect(!stepped.matches(minute: 0, hour: 0, day: 3, month: 6, weekday: 2))
        let weekdays = try CronSchedule(parsing: "0 0 13 * */2")
        #expect(!weekdays.isAnyDayOfMonth)
        #expect(weekdays.isAnyDayOfWeek)
        #expect(weekdays.matches(minute: 0, hour: 0, day: 13, month: 6, weekday: 4))
        #expect(!weekdays.matches(minute: 0, hour: 0, day: 13, month: 6, weekday: 5))
        #expect(!weekdays.matches(minute: 0, hour: 0, day: 12, month: 6, weekday: 4))
        // The same days written without a leading * are restricted: either field matching is enough.
        let ranged = try CronSchedule(parsing: "0 0 1-31/2 * 5")
        #expect(!ranged.isAnyDayOfMonth)
        #expect(ranged.matches(minute: 0, hour: 0, day: 4, month: 6, weekday: 5))
        #expect(ranged.matches(minute: 0, hour: 0, day: 3, month: 6, weekday: 2))
    }

    @Test(
        "bad expressions name the field at fault",
        arguments: [
            ("0 23 * *", nil as Int?, "expected 5 fields (minute hour day-of-month month day-of-week), found 4"),
            ("60 * * * *", 0, "minute 60 is out of range 0-59"),
            ("0 25 * * *", 1, "hour 25 is out of range 0-23"),
            ("0 0 0 * *", 2, "day of month 0 is out of range 1-31"),
            ("0 0 * FOO *", 3, "'FOO' is not a valid month value"),
            ("*/0 * * * *", 0, "step '0' in minute must be a positive number"),
            ("0 10-2 * * *", 1, "range '10-2' in hour runs backwards"),
        ]
    )
    func badExpressions(expression: String, field: Int?, message: String) {
        #expect(throws: CronSchedule.ParseError(field: field, message: message)) {
            try CronSchedule(parsing: expression)
        }
    }
}
