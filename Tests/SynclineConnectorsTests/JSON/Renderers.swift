import SynclineConnectors
import SynclineCore

/// Renders values as compact JSON: no whitespace, minimal escaping, Swift's shortest round-trip doubles.
enum CompactRenderer {
    /// The compact JSON text of `value`.
    static func render(_ value: Value) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ value: Value, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += "\(number)"
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                write(element, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { output += "," }
                writeString(member.key, to: &output)
                output += ":"
                write(member.value, to: &output)
            }
            output += "}"
        }
    }

    /// Appends `text` as a JSON string literal, escaping only what must be escaped.
    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}": output += "\\u" + hex4(scalar.value, uppercase: false)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// `value` as four hex digits.
    static func hex4(_ value: UInt32, uppercase: Bool) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Renders values with random whitespace, random escaping (short escapes, `\u` escapes in either case, surrogate
/// pairs, `\/`) and random but equivalent spellings of doubles (moved decimal point, `e`/`E`, explicit `+`).
struct ScrambledRenderer {
    /// The source of randomness.
    var random: SplitMix64

    /// Creates a renderer with a fixed seed.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// A random rendering of `value` that must parse back to exactly `value`.
    mutating func render(_ value: Value) -> String {
        var output = whitespace()
        write(value, to: &output)
        output += whitespace()
        return output
    }

    private mutating func whitespace() -> String {
        guard random.chance(0.5) else { return "" }
        return String((0..<random.int(in: 1...3)).map { _ in random.pick([" ", "\n", "\t", "\r"]) })
    }

    private mutating func write(_ value: Value, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += spell(number)
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output += "[" + whitespace()
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += whitespace() + "," + whitespace() }
                write(element, to: &output)
            }
            output += whitespace() + "]"
        case .object(let members):
            output += "{" + whitespace()
            for (offset, member) in members.enumerated() {
                if offset > 0 { output += whitespace() + "," + whitespace() }
                writeString(member.key, to: &output)
                output += whitespace() + ":" + whitespace()
                write(member.value, to: &output)
            }
            output += whitespace() + "}"
        }
    }

    private mutating func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
            if !mustEscape && random.chance(0.8) {
                output.unicodeScalars.append(scalar)
                continue
            }
            let short: String? =
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                case "/": "\\/"
                case "\n": "\\n"
                case "\t": "\\t"
                case "\r": "\\r"
                case "\u{08}": "\\b"
                case "\u{0C}": "\\f"
                default: nil
                }
            if let short, random.chance(0.5) {
                output += short
            } else if scalar.value < 0x10000 {
                output += "\\u" + CompactRenderer.hex4(scalar.value, uppercase: random.chance(0.5))
            } else {
                let offset = scalar.value - 0x10000
                let uppercase = random.chance(0.5)
                output += "\\u" + CompactRenderer.hex4(0xD800 + (offset >> 10), uppercase: uppercase)
                output += "\\u" + CompactRenderer.hex4(0xDC00 + (offset & 0x3FF), uppercase: !uppercase)
            }
        }
        output += "\""
    }

    /// An equivalent JSON spelling of a finite double that always has a fraction or an exponent.
    private mutating func spell(_ number: Double) -> String {
        let sign = number.sign == .minus ? "-" : ""
        if number == 0 {
            return sign + random.pick(["0.0", "0e0", "0.000", "0E+5", "0e-7"])
        }
        // Decompose Swift's shortest round-trip text into digits × 10^power.
        let text = "\(number.magnitude)"
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        var power = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = ""
        if let dot = mantissa.firstIndex(of: ".") {
            digits = String(mantissa[..<dot]) + String(mantissa[mantissa.index(after: dot)...])
            power -= mantissa.distance(from: mantissa.index(after: dot), to: mantissa.endIndex)
        } else {
            digits = String(mantissa)
        }
        while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
        while digits.count > 1 && digits.hasSuffix("0") {
            digits.removeLast()
            power += 1
        }
        let exponentMark = random.chance(0.5) ? "e" : "E"
        switch random.int(in: 0...2) {
        case 0:
            // Integer digits, padded with zeros, then an exponent.
            let padding = random.int(in: 0...3)
            return sign + digits + String(repeating: "0", count: padding) + exponentMark + exponent(power - padding)
        case 1:
            // A decimal point somewhere inside the digits, then an exponent (always present).
            let integerLength = random.int(in: 1...digits.count)
            let split = digits.index(digits.startIndex, offsetBy: integerLength)
            let fraction = digits[split...].isEmpty ? "0" : String(digits[split...])
            // "I.F" is digits × 10^-(count of F); a padded "I.0" is digits itself.
            let shift = digits.count - integerLength
            return sign + digits[..<split] + "." + fraction + exponentMark + exponent(power + shift)
        default:
            // Leading "0." and the digits, then an exponent.
            let zeros = random.int(in: 0...2)
            return sign + "0." + String(repeating: "0", count: zeros) + digits + exponentMark
                + exponent(power + digits.count + zeros)
        }
    }

    private mutating func exponent(_ value: Int) -> String {
        value >= 0 && random.chance(0.5) ? "+\(value)" : "\(value)"
    }
}
