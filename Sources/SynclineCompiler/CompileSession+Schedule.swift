import Foundation
import SynclineCore
import SynclineSpec

extension CompileSession {
    /// The cursor, initial backfill and lookback, nearest file first.
    mutating func compileSync(source: CompiledSource?) -> Plan.SyncSettings? {
        let cursorText = chain.lazy.compactMap { $0.sync?.cursor }.first
        let backfillText = chain.lazy.compactMap { $0.sync?.initialBackfill }.first
        let lookbackText = chain.lazy.compactMap { $0.sync?.lookback }.first
        var cursor = source?.object.defaultCursor
        if let cursorText, let source, let path = parsePath(cursorText) {
            if let type = resolve(path, in: source.record, at: cursorText.location) {
                if type == .datetime || type == .any {
                    cursor = path
                } else {
                    error(
                        .typeMismatch, "the cursor must be a datetime field; '\(path)' is \(type.displayName)",
                        at: cursorText.location)
                }
            }
        }
        let backfill = duration(backfillText) ?? Self.defaultBackfill
        let lookback = duration(lookbackText) ?? .zero
        return Plan.SyncSettings(cursor: cursor, initialBackfill: backfill, lookback: lookback)
    }

    mutating func duration(_ text: Located<String>?) -> Duration? {
        guard let text else { return nil }
        guard let value = DurationText.parse(text.value) else {
            error(
                .badDuration, "'\(text.value)' is not a duration; write a number and a unit: 30m, 12h, 7d, 1d12h",
                at: text.location)
            return nil
        }
        return value
    }

    /// The cron, time zone and switches, nearest file first; the cron and zone are checked.
    mutating func compileSchedule() -> Plan.Schedule {
        let scheduleSpec = chain.lazy.compactMap(\.schedule)
        let cronText = scheduleSpec.compactMap(\.cron).first
        let timezoneText = scheduleSpec.compactMap(\.timezone).first
        var cron: CronSchedule?
        if let cronText {
            do {
                cron = try CronSchedule(parsing: cronText.value)
            } catch {
                var location = cronText.location
                if let field = error.field {
                    location.column += Self.offsetOfField(field, in: cronText.value)
                }
                self.error(.badCron, "bad cron '\(cronText.value)': \(error.message)", at: location)
            }
        }
        if let timezoneText, TimeZone(identifier: timezoneText.value) == nil {
            let known = TimeZone.knownTimeZoneIdentifiers
            error(
                .badTimezone,
                "unknown time zone '\(timezoneText.value)'; use an IANA name such as 'Europe/Paris'"
                    + Suggestion.hint(for: timezoneText.value, among: known),
                at: timezoneText.location
            )
        }
        let zone = timezoneText.flatMap { TimeZone(identifier: $0.value) } ?? project.instanceTimeZone
        if let cron = cron ?? (cronText == nil ? try? CronSchedule(parsing: Self.defaultCron) : nil) {
            checkFires(cron, text: cronText, timezone: timezoneText, zone: zone)
        }
        return Plan.Schedule(
            cron: cronText?.value ?? Self.defaultCron,
            timezone: timezoneText?.value,
            syncsOnSave: scheduleSpec.compactMap(\.syncsOnSave).first?.value ?? false,
            isEnabled: scheduleSpec.compactMap(\.isEnabled).first?.value ?? true
        )
    }

    /// A cron that never fires is an error; one whose times fall into a daylight-saving gap or overlap of `zone`
    /// in the year after `now` is a warning naming the dates and what happens then. Located at the cron, else at
    /// the job's `timezone`, else at the top of the file (the default 23:00 in the instance's zone).
    private mutating func checkFires(
        _ cron: CronSchedule, text: Located<String>?, timezone: Located<String>?, zone: TimeZone
    ) {
        let location = text?.location ?? timezone?.location ?? SourceLocation(file: spec.file, line: 1, column: 1)
        let expression = text?.value ?? Self.defaultCron
        guard cron.nextFire(after: now, in: zone) != nil else {
            error(
                .badCron,
                "'\(expression)' never fires: no date has that day of the month in those months; check the day and month fields",
                at: location)
            return
        }
        let year = now.addingTimeInterval(366 * 86_400)
        for shift in cron.daylightSavingShifts(in: zone, from: now, through: year) {
            warning(.scheduleDST, "schedule '\(expression)': \(shift.summary)", at: location)
        }
    }

    /// The column offset of cron field `field` (0-based) within `text`.
    private static func offsetOfField(_ field: Int, in text: String) -> Int {
        var offset = 0
        var seen = -1
        var inField = false
        for character in text {
            if character == " " || character == "\t" {
                inField = false
            } else if !inField {
                inField = true
                seen += 1
                if seen == field { return offset }
            }
            offset += 1
        }
        return 0
    }
}
