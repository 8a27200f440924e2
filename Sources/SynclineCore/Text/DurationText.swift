/// Durations as job files write them: `7d`, `36h`, `90m`, `30s`, `2w`, or combined (`1d12h`).
package enum DurationText {
    private static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]

    /// Parses `text`; nil when it is not a sequence of number-unit pairs.
    package static func parse(_ text: String) -> Duration? {
        var total: Int64 = 0
        var number: Int64?
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                let (shifted, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                number = shifted + Int64(digit)
            } else if let unit = units[character], let value = number {
                let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
                guard !overflow else { return nil }
                total += scaled
                number = nil
            } else {
                return nil
            }
        }
        guard number == nil, !text.isEmpty else { return nil }
        return .seconds(total)
    }

    /// The shortest text for `duration` in whole seconds (`7d`, `1h30m`, `0s`).
    package static func format(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        guard seconds > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }
}
