package import SynclineCore

// Hand-written: no listed package offers a selective pull parser; Foundation's decoders read these pages at ~40 MB/s.

/// A byte-level JSON reader that materialises only the parts of a document a `Selection` asks for.
///
/// The reader works directly on a contiguous UTF-8 buffer (which must stay valid while the reader is used).
/// Unselected values are skipped without allocating but validated exactly as strictly as kept ones: RFC 8259
/// grammar, string escapes (a lone or mismatched UTF-16 surrogate in `\u` escapes is an error, never replaced by
/// U+FFFD), raw UTF-8 validity inside strings, unescaped control characters, number syntax and the nesting depth.
/// A UTF-8 byte order mark at the very start of the buffer is ignored; any other non-JSON byte is an error.
///
/// Numbers whose magnitude overflows `Double` (such as `1e400`) are rejected with `number out of range`, kept or
/// skipped, as JSONSerialization does. Object keys are matched against the selection by their exact decoded UTF-8
/// bytes (no Unicode normalisation). Skipping is iterative; kept containers recurse, bounded by `maxDepth`.
/// After a thrown error the reader's position is unspecified.
package struct JSONPullReader {
    /// The maximum nesting depth of arrays and objects this reader accepts.
    package let maxDepth: Int

    private let bytes: UnsafeRawBufferPointer
    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private var index: Int
    private var depth = 0
    /// One bit per nesting level for the allocation-free skipper: set for an object, clear for an array.
    private var containerBits: [UInt64]
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []
    private var planSelection: Selection?
    private var plan = SelectionPlan(.all)

    /// Creates a reader over `bytes`, positioned at the start (after a UTF-8 byte order mark, if any).
    package init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 512) {
        self.bytes = bytes
        self.base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        self.count = bytes.count
        self.maxDepth = max(1, maxDepth)
        self.containerBits = Array(repeating: 0, count: self.maxDepth / 64 + 2)
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            self.index = 3
        } else {
            self.index = 0
        }
        scratch.reserveCapacity(256)
    }

    /// The current byte offset in the buffer.
    package var offset: Int {
        index
    }

    /// Parses one complete JSON document, keeping only what `selection` selects; unselected members are skipped
    /// (validated structurally, not materialised). Trailing whitespace allowed; anything else after the document
    /// is an error.
    package mutating func read(_ selection: Selection = .all) throws(JSONPullError) -> Value {
        preparePlan(selection)
        skipWhitespace()
        let value = try parseValue(SelectionPlan.root)
        skipWhitespace()
        if index < count {
            throw fail("trailing characters after document", at: index)
        }
        return value
    }

    /// Reads the next document of newline-delimited JSON, or returns `nil` at the end of the input.
    ///
    /// Blank lines (and any whitespace between documents) are skipped. After a document only spaces, tabs and
    /// carriage returns may follow on its line; a document may itself span several lines.
    package mutating func readNext(_ selection: Selection = .all) throws(JSONPullError) -> Value? {
        preparePlan(selection)
        skipWhitespace()
        if index >= count {
            return nil
        }
        let value = try parseValue(SelectionPlan.root)
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                index += 1
                break
            }
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") else {
                throw fail("trailing characters after document", at: index)
            }
            index += 1
        }
        return value
    }

    // MARK: - Plans

    private mutating func preparePlan(_ selection: Selection) {
        depth = 0
        if planSelection != selection {
            plan = SelectionPlan(selection)
            planSelection = selection
        }
    }

    // MARK: - Values

    private mutating func parseValue(_ node: Int) throws(JSONPullError) -> Value {
        if plan.keepsAll(node) {
            return try parseFull()
        }
        guard index < count else { throw endOfInput() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            if plan.selectsNoMembers(node) {
                try skipValue()
                return .object([])
            }
            return try parseSelectedObject(node)
        case UInt8(ascii: "["):
            return try parseSelectedArray(node)
        default:
            return try parseFull()
        }
    }

    /// Parses the value at `index` completely (whitespace before it already skipped).
    private mutating func parseFull() throws(JSONPullError) -> Value {
        guard index < count else { throw endOfInput() }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseFullObject()
        case UInt8(ascii: "["):
            return try parseFullArray()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try parseLiteral()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw unexpectedValue()
        }
    }

    private mutating func parseFullObject() throws(JSONPullError) -> Value {
        try enterContainer()
        index += 1
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([])
        }
        var members: [(key: String, value: Value)] = []
        members.reserveCapacity(8)
        while true {
            guard index < count else { throw endOfInput() }
            guard bytes[index] == UInt8(ascii: "\"") else { throw expectedKey() }
            let key = try parseString()
            try skipColon()
            let value = try parseFull()
            members.append((key: key, value: value))
            if try objectContinues() { continue }
            depth -= 1
            return .object(members)
        }
    }

    private mutating func parseFullArray() throws(JSONPullError) -> Value {
        try enterContainer()
        index += 1
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        var elements: [Value] = []
        elements.reserveCapacity(4)
        while true {
            elements.append(try parseFull())
            if try arrayContinues() { continue }
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func parseSelectedObject(_ node: Int) throws(JSONPullError) -> Value {
        try enterContainer()
        index += 1
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([])
        }
        var members: [(key: String, value: Value)] = []
        members.reserveCapacity(plan.nodes[node].memberCount)
        while true {
            guard index < count else { throw endOfInput() }
            guard bytes[index] == UInt8(ascii: "\"") else { throw expectedKey() }
            let span = try scanString(decode: true)
            let child: Int?
            if span.escaped {
                child = scratch.withUnsafeBytes { plan.child(of: node, key: $0) }
            } else {
                child = plan.child(of: node, key: UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end]))
            }
            try skipColon()
            if let child {
                let key = span.escaped ? String(decoding: scratch, as: UTF8.self) : makeString(span.start, span.end)
                let value = try parseValue(child)
                members.append((key: key, value: value))
            } else {
                try skipValue()
            }
            if try objectContinues() { continue }
            depth -= 1
            return .object(members)
        }
    }

    private mutating func parseSelectedArray(_ node: Int) throws(JSONPullError) -> Value {
        try enterContainer()
        index += 1
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        var elements: [Value] = []
        elements.reserveCapacity(4)
        while true {
            elements.append(try parseValue(node))
            if try arrayContinues() { continue }
            depth -= 1
            return .array(elements)
        }
    }

    // MARK: - Skipping

    /// Skips the value at `index` (whitespace before it already skipped), validating it fully without allocating.
    ///
    /// Iterative: nesting is tracked in `containerBits`, so deep documents cannot overflow the stack here.
    private mutating func skipValue() throws(JSONPullError) {
        let baseDepth = depth
        nextValue: while true {
            guard index < count else { throw endOfInput() }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "{"):
                try enterContainer()
                setContainerBit(isObject: true)
                index += 1
                skipWhitespace()
                guard index < count else { throw endOfInput() }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    depth -= 1
                } else {
                    try skipKeyAndColon()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try enterContainer()
                setContainerBit(isObject: false)
                index += 1
                skipWhitespace()
                guard index < count else { throw endOfInput() }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    depth -= 1
                } else {
                    continue nextValue
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                _ = try parseLiteral()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try skipNumber()
            default:
                throw unexpectedValue()
            }
            // A complete value was consumed: close finished containers until another value is due.
            while depth > baseDepth {
                skipWhitespace()
                guard index < count else { throw endOfInput() }
                let byte = bytes[index]
                if isObjectLevel() {
                    if byte == UInt8(ascii: ",") {
                        index += 1
                        skipWhitespace()
                        try skipKeyAndColon()
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "}") else {
                        throw fail("expected ',' or '}' after object member", at: index)
                    }
                } else {
                    if byte == UInt8(ascii: ",") {
                        index += 1
                        skipWhitespace()
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "]") else {
                        throw fail("expected ',' or ']' after array element", at: index)
                    }
                }
                index += 1
                depth -= 1
            }
            return
        }
    }

    @inline(__always)
    private mutating func setContainerBit(isObject: Bool) {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if isObject {
            containerBits[depth >> 6] |= bit
        } else {
            containerBits[depth >> 6] &= ~bit
        }
    }

    @inline(__always)
    private func isObjectLevel() -> Bool {
        containerBits[depth >> 6] & (1 << UInt64(depth & 63)) != 0
    }

    /// Skips an object key (at `index`, expected to be a string), the colon and the whitespace after it.
    @inline(__always)
    private mutating func skipKeyAndColon() throws(JSONPullError) {
        guard index < count else { throw endOfInput() }
        guard bytes[index] == UInt8(ascii: "\"") else { throw expectedKey() }
        try skipString()
        try skipColon()
    }

    @inline(__always)
    private mutating func skipString() throws(JSONPullError) {
        _ = try scanString(decode: false)
    }

    // MARK: - Structure helpers

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < count {
            let byte = bytes[index]
            guard byte <= 0x20,
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                    || byte == UInt8(ascii: "\t")
            else { return }
            index += 1
        }
    }

    /// Consumes whitespace, a `:` and the whitespace after it.
    @inline(__always)
    private mutating func skipColon() throws(JSONPullError) {
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        guard bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after object key", at: index) }
        index += 1
        skipWhitespace()
    }

    /// After an object member: consumes `,` (returning `true`, positioned at the next key) or `}` (returning `false`).
    @inline(__always)
    private mutating func objectContinues() throws(JSONPullError) -> Bool {
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        if byte == UInt8(ascii: "}") {
            return false
        }
        throw fail("expected ',' or '}' after object member", at: index - 1)
    }

    /// After an array element: consumes `,` (returning `true`, positioned at the next element) or `]` (`false`).
    @inline(__always)
    private mutating func arrayContinues() throws(JSONPullError) -> Bool {
        skipWhitespace()
        guard index < count else { throw endOfInput() }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        if byte == UInt8(ascii: "]") {
            return false
        }
        throw fail("expected ',' or ']' after array element", at: index - 1)
    }

    @inline(__always)
    private mutating func enterContainer() throws(JSONPullError) {
        depth += 1
        if depth > maxDepth {
            throw fail("maximum nesting depth of \(maxDepth) exceeded", at: index)
        }
    }

    // MARK: - Literals

    /// Parses `true`, `false` or `null` at `index`.
    @inline(__always)
    private mutating func parseLiteral() throws(JSONPullError) -> Value {
        let first = bytes[index]
        if index + 4 <= count {
            let word = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
            if first == UInt8(ascii: "t") && word == 0x6575_7274 {  // "true"
                index += 4
                return .bool(true)
            }
            if first == UInt8(ascii: "n") && word == 0x6C6C_756E {  // "null"
                index += 4
                return .null
            }
            if first == UInt8(ascii: "f") && word == 0x736C_6166 && index + 5 <= count  // "fals"
                && bytes[index + 4] == UInt8(ascii: "e")
            {
                index += 5
                return .bool(false)
            }
        }
        throw literalError()
    }

    @inline(never)
    private func literalError() -> JSONPullError {
        let literal: [UInt8]
        switch bytes[index] {
        case UInt8(ascii: "t"): literal = Array("true".utf8)
        case UInt8(ascii: "f"): literal = Array("false".utf8)
        default: literal = Array("null".utf8)
        }
        var offset = 0
        while offset < literal.count {
            guard index + offset < count else { return endOfInput() }
            if bytes[index + offset] != literal[offset] { break }
            offset += 1
        }
        return fail("invalid literal, expected '\(String(decoding: literal, as: UTF8.self))'", at: index)
    }

    // MARK: - Numbers

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Validates the number at `index` against the JSON grammar and moves past it.
    ///
    /// Numbers that might overflow `Double` (more than 300 integer digits or a 3-digit exponent) are handed to
    /// `parseNumber` so that skipped numbers are range-checked exactly like kept ones.
    private mutating func skipNumber() throws(JSONPullError) {
        let start = index
        var position = index
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < count else { throw fail("invalid number", at: start) }
        let first = bytes[position]
        if first == UInt8(ascii: "0") {
            position += 1
            if position < count && Self.isDigit(bytes[position]) { throw fail("invalid number", at: start) }
        } else if Self.isDigit(first) {
            position += 1
            while position < count && Self.isDigit(bytes[position]) { position += 1 }
        } else {
            throw fail("invalid number", at: start)
        }
        var mightOverflow = position - start > 300
        if position < count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < count && Self.isDigit(bytes[position]) else { throw fail("invalid number", at: start) }
            while position < count && Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < count && bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard position < count && Self.isDigit(bytes[position]) else { throw fail("invalid number", at: start) }
            let exponentStart = position
            while position < count && Self.isDigit(bytes[position]) { position += 1 }
            mightOverflow = mightOverflow || position - exponentStart >= 3
        }
        if mightOverflow {
            _ = try parseNumber()
        } else {
            index = position
        }
    }

    /// Parses the number at `index`: `.int` for integer literals that fit `Int64`, `.double` otherwise.
    private mutating func parseNumber() throws(JSONPullError) -> Value {
        let start = index
        var position = index
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard position < count else { throw fail("invalid number", at: start) }
        var mantissa: UInt64 = 0
        var overflowed = false
        var fractionDigits = 0
        var isInteger = true
        let first = bytes[position]
        if first == UInt8(ascii: "0") {
            position += 1
            if position < count && Self.isDigit(bytes[position]) { throw fail("invalid number", at: start) }
        } else if Self.isDigit(first) {
            while position < count {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                Self.accumulate(digit, into: &mantissa, overflowed: &overflowed)
                position += 1
            }
        } else {
            throw fail("invalid number", at: start)
        }
        if position < count && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < count && Self.isDigit(bytes[position]) else { throw fail("invalid number", at: start) }
            while position < count {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if !overflowed {
                    Self.accumulate(digit, into: &mantissa, overflowed: &overflowed)
                    fractionDigits += 1
                }
                position += 1
            }
        }
        var exponent = 0
        if position < count && bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            var exponentNegative = false
            if position < count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < count && Self.isDigit(bytes[position]) else { throw fail("invalid number", at: start) }
            while position < count {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        index = position

        if isInteger && !overflowed {
            if !negative && mantissa <= UInt64(Int64.max) {
                return .int(Int64(mantissa))
            }
            if negative && mantissa <= UInt64(Int64.max) + 1 {
                return .int(Int64(truncatingIfNeeded: 0 &- mantissa))
            }
        }
        if !overflowed {
            if mantissa == 0 {
                return .double(negative ? -0.0 : 0.0)
            }
            // Clinger's fast path: both operands exact, so one correctly rounded operation.
            let power = exponent - fractionDigits
            if mantissa <= 1 << 53 && power >= -22 && power <= 22 {
                var value = Double(mantissa)
                if power < 0 {
                    value /= Self.exactPowerOfTen(-power)
                } else {
                    value *= Self.exactPowerOfTen(power)
                }
                return .double(negative ? -value : value)
            }
        }
        let text = makeString(start, position)
        guard let value = Double(text), value.isFinite else { throw fail("number out of range", at: start) }
        return .double(value)
    }

    @inline(__always)
    private static func accumulate(_ digit: UInt8, into mantissa: inout UInt64, overflowed: inout Bool) {
        let (times10, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
        if overflow1 || overflow2 {
            overflowed = true
        } else {
            mantissa = sum
        }
    }

    /// 10^exponent for 0...22, all exactly representable as `Double`.
    private static func exactPowerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    // MARK: - Strings

    /// Parses the string at `index` (which is a `"`) into a `String`.
    @inline(__always)
    private mutating func parseString() throws(JSONPullError) -> String {
        let span = try scanString(decode: true)
        if span.escaped {
            return String(decoding: scratch, as: UTF8.self)
        }
        return makeString(span.start, span.end)
    }

    @inline(__always)
    private func makeString(_ start: Int, _ end: Int) -> String {
        guard let base, start < end else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }

    /// Scans the string at `index` (a `"`) and moves past it, validating escapes, UTF-8 and control characters.
    ///
    /// Returns the raw content range; if the string contained escapes, `escaped` is `true` and, when `decode` is
    /// set, `scratch` holds the decoded UTF-8.
    @inline(__always)
    private mutating func scanString(decode: Bool) throws(JSONPullError) -> (start: Int, end: Int, escaped: Bool) {
        let start = index + 1
        let special = findSpecial(from: start)
        if special < count && bytes[special] == UInt8(ascii: "\"") {
            index = special + 1
            return (start, special, false)
        }
        return try scanStringSlowly(quote: index, from: special, decode: decode)
    }

    @inline(never)
    private mutating func scanStringSlowly(
        quote: Int,
        from special: Int,
        decode: Bool
    ) throws(JSONPullError) -> (start: Int, end: Int, escaped: Bool) {
        let start = quote + 1
        var position = special
        var chunkStart = start
        var escaped = false
        while true {
            guard position < count else { throw fail("unterminated string", at: quote) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if escaped && decode { appendToScratch(chunkStart, position) }
                index = position + 1
                return (start, position, escaped)
            } else if byte == UInt8(ascii: "\\") {
                if decode {
                    if !escaped { scratch.removeAll(keepingCapacity: true) }
                    appendToScratch(chunkStart, position)
                }
                escaped = true
                position = try decodeEscape(at: position, quote: quote, decode: decode)
                chunkStart = position
            } else if byte < 0x20 {
                throw fail("control character in string", at: position)
            } else {
                position = try validateUTF8Sequence(at: position, quote: quote)
            }
            position = findSpecial(from: position)
        }
    }

    private mutating func appendToScratch(_ start: Int, _ end: Int) {
        guard let base, start < end else { return }
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
    }

    /// The offset of the first byte at or after `start` that is `"`, `\`, a control character or non-ASCII
    /// (or `count` if there is none), examining eight bytes at a time.
    @inline(__always)
    private func findSpecial(from start: Int) -> Int {
        var position = start
        while position + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let mask = Self.specialBytes(word)
            if mask != 0 {
                return position + mask.trailingZeroBitCount >> 3
            }
            position += 8
        }
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 {
                return position
            }
            position += 1
        }
        return position
    }

    /// Flags (high bit of each byte) the bytes of `word` that are `"`, `\`, below 0x20 or above 0x7F.
    ///
    /// The lowest flagged byte is always exact; flags above it may be spurious (borrows), which is all we need.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let isQuote = (quotes &- ones) & ~quotes
        let isBackslash = (backslashes &- ones) & ~backslashes
        let isControl = (word &- ones &* 0x20) & ~word
        return (isQuote | isBackslash | isControl | word) & highs
    }

    /// Validates the escape sequence at `position` (a `\`), appending its UTF-8 to `scratch` if `decode` is set,
    /// and returns the offset after it.
    private mutating func decodeEscape(at position: Int, quote: Int, decode: Bool) throws(JSONPullError) -> Int {
        guard position + 1 < count else { throw fail("unterminated string", at: quote) }
        let scalar: UInt32
        var next = position + 2
        switch bytes[position + 1] {
        case UInt8(ascii: "\""): scalar = 0x22
        case UInt8(ascii: "\\"): scalar = 0x5C
        case UInt8(ascii: "/"): scalar = 0x2F
        case UInt8(ascii: "b"): scalar = 0x08
        case UInt8(ascii: "f"): scalar = 0x0C
        case UInt8(ascii: "n"): scalar = 0x0A
        case UInt8(ascii: "r"): scalar = 0x0D
        case UInt8(ascii: "t"): scalar = 0x09
        case UInt8(ascii: "u"):
            let unit = try readHex4(at: position + 2, escape: position, quote: quote)
            next = position + 6
            switch unit {
            case 0xD800...0xDBFF:
                guard next < count else { throw fail("unterminated string", at: quote) }
                guard bytes[next] == UInt8(ascii: "\\") else { throw unpairedSurrogate(unit, at: position) }
                guard next + 1 < count else { throw fail("unterminated string", at: quote) }
                guard bytes[next + 1] == UInt8(ascii: "u") else { throw unpairedSurrogate(unit, at: position) }
                let low = try readHex4(at: next + 2, escape: next, quote: quote)
                guard (0xDC00...0xDFFF).contains(low) else { throw unpairedSurrogate(unit, at: position) }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            case 0xDC00...0xDFFF:
                throw unpairedSurrogate(unit, at: position)
            default:
                scalar = unit
            }
        default:
            throw fail("invalid escape \(Self.describeEscape(bytes[position + 1]))", at: position)
        }
        if decode { appendScalar(scalar) }
        return next
    }

    /// Reads four hex digits at `position` as a UTF-16 code unit.
    private func readHex4(at position: Int, escape: Int, quote: Int) throws(JSONPullError) -> UInt32 {
        var unit: UInt32 = 0
        var offset = 0
        while offset < 4 {
            guard position + offset < count else { throw fail("unterminated string", at: quote) }
            let byte = bytes[position + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape, expected 4 hex digits", at: escape)
            }
            unit = unit << 4 | digit
            offset += 1
        }
        return unit
    }

    private mutating func appendScalar(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates the multi-byte UTF-8 sequence starting at `position` (a byte ≥ 0x80) and returns the offset after it.
    ///
    /// Rejects stray continuation bytes, overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    private func validateUTF8Sequence(at position: Int, quote: Int) throws(JSONPullError) -> Int {
        let lead = bytes[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: throw fail("invalid UTF-8 in string", at: position)
        }
        var offset = 1
        while offset < length {
            guard position + offset < count else { throw fail("unterminated string", at: quote) }
            let byte = bytes[position + offset]
            let valid = offset == 1 ? (byte >= low && byte <= high) : (byte & 0xC0 == 0x80)
            guard valid else { throw fail("invalid UTF-8 in string", at: position) }
            offset += 1
        }
        return position + length
    }

    // MARK: - Errors

    @inline(never)
    private func fail(_ message: String, at offset: Int) -> JSONPullError {
        JSONPullError(message: message, offset: offset, in: bytes)
    }

    @inline(never)
    private func endOfInput() -> JSONPullError {
        fail("unexpected end of input", at: count)
    }

    @inline(never)
    private func unexpectedValue() -> JSONPullError {
        fail("expected a value, found \(Self.describe(bytes[index]))", at: index)
    }

    @inline(never)
    private func expectedKey() -> JSONPullError {
        fail("expected '\"' to begin an object key, found \(Self.describe(bytes[index]))", at: index)
    }

    @inline(never)
    private func unpairedSurrogate(_ unit: UInt32, at position: Int) -> JSONPullError {
        let hex = String(unit, radix: 16, uppercase: true)
        return fail("unpaired surrogate '\\u\(hex)'", at: position)
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count < 2 ? "0" + hex : hex)"
    }

    private static func describeEscape(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\\\(Character(Unicode.Scalar(byte)))'"
        }
        return "'\\' followed by \(describe(byte))"
    }
}
