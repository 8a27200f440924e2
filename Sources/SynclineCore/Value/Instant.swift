package import Foundation

/// ISO-8601 instants as sources write them (`2026-03-04T09:02:41-08:00`, `…41.250Z`), parsed fast.
///
/// Hand-written: Foundation's ISO-8601 parsing costs microseconds per value, and a sync parses one per record.
/// Accepts `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM` (or `±HHMM`); compares instants, so
/// offsets and daylight-saving changes never matter.
package enum Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z, or nil when `text` is not such an instant.
    package static func milliseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { milliseconds(UnsafeRawBufferPointer($0)) }
    }

    /// The instant as a `Date`, or nil.
    package static func date(_ text: String) -> Date? {
        milliseconds(text).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// Parses UTF-8 bytes.
    package static func milliseconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count >= 20 else { return nil }
        func digits(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == 45, let month = digits(5, 2), bytes[7] == 45,
            let day = digits(8, 2), bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
            let hour = digits(11, 2), bytes[13] == 58, let minute = digits(14, 2), bytes[16] == 58,
            let second = digits(17, 2),
            (1...12).contains(month), (1...daysIn(month, year)).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var millis = 0
        if index < count, bytes[index] == 46 {
            index += 1
            var scale = 100
            let start = index
            while index < count, bytes[index] >= 48, bytes[index] <= 57 {
                millis += Int(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case 90, 122:  // Z
            index += 1
        case 43, 45:  // + -
            let sign = bytes[index] == 45 ? -1 : 1
            index += 1
            guard index + 2 <= count, let hours = digits(index, 2) else { return nil }
            index += 2
            if index < count, bytes[index] == 58 { index += 1 }
            guard index + 2 <= count, let minutes = digits(index, 2), hours < 24, minutes < 60 else { return nil }
            index += 2
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        guard index == count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }

    /// `2026-03-04T17:02:41Z`: UTC, whole seconds (the fraction is dropped).
    package static func utcText(milliseconds: Int64) -> String {
        text(milliseconds: milliseconds, fraction: false)
    }

    /// `2026-03-04T17:02:41.250Z`: UTC with milliseconds, for windows and watermarks.
    package static func preciseText(_ date: Date) -> String {
        text(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)), fraction: true)
    }

    /// `2026-03-04T09:02:41-08:00`: the instant in local time `offsetMinutes` east of UTC, whole seconds; an
    /// offset of zero is written `Z`.
    package static func text(milliseconds: Int64, offsetMinutes: Int) -> String {
        guard offsetMinutes != 0 else { return utcText(milliseconds: milliseconds) }
        let local = String(utcText(milliseconds: milliseconds + Int64(offsetMinutes) * 60_000).dropLast())
        let magnitude = abs(offsetMinutes)
        let hours = String(magnitude / 60)
        let minutes = String(magnitude % 60)
        return local + (offsetMinutes < 0 ? "-" : "+") + (hours.count < 2 ? "0" + hours : hours) + ":"
            + (minutes.count < 2 ? "0" + minutes : minutes)
    }

    private static func text(milliseconds: Int64, fraction: Bool) -> String {
        let (seconds, millis) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let adjustedSeconds = millis < 0 ? seconds - 1 : seconds
        let adjustedMillis = millis < 0 ? millis + 1000 : millis
        let (days, secondOfDay) = adjustedSeconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = secondOfDay < 0 ? days - 1 : days
        let second = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        let (year, month, day) = civilFromDays(Int(dayNumber))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var result = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        result += "\(pad(Int(second / 3600), 2)):\(pad(Int(second % 3600 / 60), 2)):\(pad(Int(second % 60), 2))"
        if fraction { result += "." + pad(Int(adjustedMillis), 3) }
        return result + "Z"
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil and civil_from_days (public domain algorithms).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
