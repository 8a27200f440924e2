/// A five-field cron expression: minute, hour, day of month, month, day of week.
///
/// Hand-written: no listed package parses cron. Supports `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`,
/// lists `a,b`, month names `JAN`–`DEC` and day names `SUN`–`SAT` (0 and 7 are both Sunday). As in Vixie cron,
/// when both day fields are restricted a day matches either of them, and a day field counts as unrestricted when it
/// starts with `*`: day of month `*/2` with day of week `5` means odd days that are Fridays, not odd days or Fridays.
/// When it fires, DST included, is in `CronSchedule+Next.swift`.
package struct CronSchedule: Sendable, Hashable {
    /// Allowed minutes, 0–59.
    package var minutes: Set<Int>
    /// Allowed hours, 0–23.
    package var hours: Set<Int>
    /// Allowed days of the month, 1–31.
    package var daysOfMonth: Set<Int>
    /// Allowed months, 1–12.
    package var months: Set<Int>
    /// Allowed days of the week, 0–6 with 0 = Sunday.
    package var daysOfWeek: Set<Int>
    /// Whether the day-of-month field starts with `*` (`*`, `*/2`, …): Vixie cron's "star" rule.
    package var isAnyDayOfMonth: Bool
    /// Whether the day-of-week field starts with `*` (`*`, `*/2`, …): Vixie cron's "star" rule.
    package var isAnyDayOfWeek: Bool

    /// Why an expression does not parse: which field (0-based; nil for the whole) and what is wrong.
    package struct ParseError: Error, Sendable, Hashable {
        /// The 0-based field index, or nil.
        package var field: Int?
        /// What is wrong, lower-case, no final period.
        package var message: String

        /// Creates a parse error.
        package init(field: Int?, message: String) {
            self.field = field
            self.message = message
        }
    }

    private static let fieldNames = ["minute", "hour", "day of month", "month", "day of week"]
    private static let ranges = [0...59, 0...23, 1...31, 1...12, 0...7]
    private static let monthNames = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// Parses `expression`, throwing a `ParseError` that names the field at fault.
    package init(parsing expression: String) throws(ParseError) {
        let fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 5 else {
            throw ParseError(
                field: nil,
                message: "expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        var sets: [Set<Int>] = []
        for (index, field) in fields.enumerated() {
            sets.append(try Self.parse(String(field), index: index))
        }
        minutes = sets[0]
        hours = sets[1]
        daysOfMonth = sets[2]
        months = sets[3]
        daysOfWeek = Set(sets[4].map { $0 % 7 })
        // Vixie cron sets DOM_STAR / DOW_STAR when the field's first character is `*`.
        isAnyDayOfMonth = fields[2].hasPrefix("*")
        isAnyDayOfWeek = fields[4].hasPrefix("*")
    }

    private static func parse(_ field: String, index: Int) throws(ParseError) -> Set<Int> {
        let bounds = ranges[index]
        var values = Set<Int>()
        for item in field.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty else {
                throw ParseError(field: index, message: "'\(item)' is not a valid \(fieldNames[index]) value")
            }
            var step = 1
            if parts.count == 2 {
                guard let parsed = Int(parts[1]), parsed > 0 else {
                    throw ParseError(
                        field: index, message: "step '\(parts[1])' in \(fieldNames[index]) must be a positive number")
                }
                step = parsed
            }
            let range: ClosedRange<Int>
            if parts[0] == "*" {
                range = bounds
            } else {
                let ends = parts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count <= 2 else {
                    throw ParseError(field: index, message: "'\(item)' is not a valid \(fieldNames[index]) value")
                }
                let low = try value(ends[0], index: index)
                let high =
                    ends.count == 2 ? try value(ends[1], index: index) : (parts.count == 2 ? bounds.upperBound : low)
                guard low <= high else {
                    throw ParseError(
                        field: index, message: "range '\(parts[0])' in \(fieldNames[index]) runs backwards")
                }
                range = low...high
            }
            values.formUnion(stride(from: range.lowerBound, through: range.upperBound, by: step))
        }
        return values
    }

    private static func value(_ text: Substring, index: Int) throws(ParseError) -> Int {
        let bounds = ranges[index]
        let names = index == 3 ? monthNames : index == 4 ? dayNames : []
        if let position = names.firstIndex(of: text.uppercased()) {
            return index == 3 ? position + 1 : position
        }
        guard let number = Int(text) else {
            throw ParseError(field: index, message: "'\(text)' is not a valid \(fieldNames[index]) value")
        }
        guard bounds.contains(number) else {
            throw ParseError(
                field: index,
                message: "\(fieldNames[index]) \(number) is out of range \(bounds.lowerBound)-\(bounds.upperBound)"
            )
        }
        return number
    }

    /// Whether a local date (as calendar components) matches.
    package func matches(minute: Int, hour: Int, day: Int, month: Int, weekday: Int) -> Bool {
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        let dayOfMonthMatches = daysOfMonth.contains(day)
        let dayOfWeekMatches = daysOfWeek.contains(weekday)
        if isAnyDayOfMonth || isAnyDayOfWeek { return dayOfMonthMatches && dayOfWeekMatches }
        return dayOfMonthMatches || dayOfWeekMatches
    }
}
