/// Writes small JSON documents (participant arrays, previewed records) straight into a string.
///
/// Hand-written: Foundation's encoders cost far more than the few string appends a participant needs, and
/// this runs once per record.
package struct JSONText {
    /// The text written so far.
    package private(set) var text = ""

    /// An empty document.
    package init() {}

    /// Appends `value` as a JSON string literal, escaping what RFC 8259 requires.
    package mutating func appendString(_ value: String) {
        text.append("\"")
        var needsEscape = false
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscape = true
            break
        }
        guard needsEscape else {
            text.append(value)
            text.append("\"")
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }

    /// Appends raw JSON punctuation or a member name (`{`, `,"email":`).
    package mutating func appendRaw(_ raw: String) {
        text.append(raw)
    }
}
