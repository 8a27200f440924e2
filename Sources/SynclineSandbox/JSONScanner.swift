import Foundation

/// Finds the members and elements of JSON text by byte ranges, without building values.
///
/// The sandbox serves stored calls by copying the raw bytes of the members a request selects, and indexes a
/// million calls by reading four strings of each: both need positions, not parsed dictionaries. Containers are
/// skipped by counting brackets outside strings, so the scanner trusts the data to be well-formed JSON (it is
/// what Gong or the generator wrote) and only guarantees never to read out of bounds.
struct JSONScanner {
    /// The text being scanned; valid only inside the `withUnsafeBytes` call that produced it.
    let bytes: UnsafeRawBufferPointer

    /// A member of an object: the key's raw bytes (between the quotes) and the value's range.
    struct Member {
        /// The key's bytes without the quotes, still escaped.
        let key: Range<Int>
        /// The value, from its first to one past its last byte.
        let value: Range<Int>
    }

    /// Why a scan stopped.
    struct Malformed: Error, CustomStringConvertible {
        /// The byte offset where the text stopped making sense.
        let offset: Int
        /// The problem, in words.
        var description: String { "malformed JSON near byte \(offset)" }
    }

    /// The index of the first non-whitespace byte at or after `index` (or `end`).
    func skipWhitespace(_ index: Int, end: Int) -> Int {
        var index = index
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    /// One past the end of the value starting at `index`.
    func valueEnd(_ index: Int, end: Int) throws(Malformed) -> Int {
        guard index < end else { throw Malformed(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return try stringEnd(index, end: end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var cursor = index
            while cursor < end {
                switch bytes[cursor] {
                case UInt8(ascii: "\""):
                    cursor = try stringEnd(cursor, end: end)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return cursor + 1 }
                default:
                    break
                }
                cursor += 1
            }
            throw Malformed(offset: cursor)
        default:
            var cursor = index
            scalar: while cursor < end {
                switch bytes[cursor] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: break scalar
                default: cursor += 1
                }
            }
            guard cursor > index else { throw Malformed(offset: index) }
            return cursor
        }
    }

    /// One past the closing quote of the string whose opening quote is at `index`.
    ///
    /// Finds quotes with `memchr` (strings are most of Gong's bytes) and skips those escaped by an odd run of
    /// backslashes.
    func stringEnd(_ index: Int, end: Int) throws(Malformed) -> Int {
        guard let base = bytes.baseAddress else { throw Malformed(offset: index) }
        var cursor = index + 1
        while cursor < end {
            guard let found = memchr(base + cursor, 0x22, end - cursor) else { break }
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while quote - backslashes - 1 > index, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            cursor = quote + 1
        }
        throw Malformed(offset: index)
    }

    /// Calls `body` with each member of the object in `range` (surrounding whitespace allowed), in order.
    func forEachMember(in range: Range<Int>, _ body: (Member) throws -> Void) throws {
        let end = range.upperBound
        var index = skipWhitespace(range.lowerBound, end: end)
        guard index < end, bytes[index] == UInt8(ascii: "{") else { throw Malformed(offset: index) }
        index = skipWhitespace(index + 1, end: end)
        if index < end, bytes[index] == UInt8(ascii: "}") { return }
        while true {
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw Malformed(offset: index) }
            let keyEnd = try stringEnd(index, end: end)
            let key = (index + 1)..<(keyEnd - 1)
            index = skipWhitespace(keyEnd, end: end)
            guard index < end, bytes[index] == UInt8(ascii: ":") else { throw Malformed(offset: index) }
            index = skipWhitespace(index + 1, end: end)
            let valueEnd = try valueEnd(index, end: end)
            try body(Member(key: key, value: index..<valueEnd))
            index = skipWhitespace(valueEnd, end: end)
            guard index < end else { throw Malformed(offset: index) }
            if bytes[index] == UInt8(ascii: "}") { return }
            guard bytes[index] == UInt8(ascii: ",") else { throw Malformed(offset: index) }
            index = skipWhitespace(index + 1, end: end)
        }
    }

    /// The members of the object in `range`, keys decoded.
    func members(in range: Range<Int>) throws -> [(key: String, value: Range<Int>)] {
        var members: [(key: String, value: Range<Int>)] = []
        try forEachMember(in: range) { member in
            members.append((decodeString(member.key), member.value))
        }
        return members
    }

    /// Calls `body` with the range of each element of the array in `range` (surrounding whitespace allowed).
    func forEachElement(in range: Range<Int>, _ body: (Range<Int>) throws -> Void) throws {
        let end = range.upperBound
        var index = skipWhitespace(range.lowerBound, end: end)
        guard index < end, bytes[index] == UInt8(ascii: "[") else { throw Malformed(offset: index) }
        index = skipWhitespace(index + 1, end: end)
        if index < end, bytes[index] == UInt8(ascii: "]") { return }
        while true {
            let valueEnd = try valueEnd(index, end: end)
            try body(index..<valueEnd)
            index = skipWhitespace(valueEnd, end: end)
            guard index < end else { throw Malformed(offset: index) }
            if bytes[index] == UInt8(ascii: "]") { return }
            guard bytes[index] == UInt8(ascii: ",") else { throw Malformed(offset: index) }
            index = skipWhitespace(index + 1, end: end)
        }
    }

    /// Whether the raw key bytes in `range` are exactly `name` (keys Gong uses never need escapes).
    func key(_ range: Range<Int>, is name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != expected[offset] {
            return false
        }
        return true
    }

    /// The string value in `range` (with its quotes) decoded, or nil when the value is not a string.
    func string(in range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""),
            bytes[range.upperBound - 1] == UInt8(ascii: "\"")
        else { return nil }
        return decodeString((range.lowerBound + 1)..<(range.upperBound - 1))
    }

    /// Whether the value in `range` is the literal `true`.
    func isTrue(_ range: Range<Int>) -> Bool {
        range.count == 4 && bytes[range.lowerBound] == UInt8(ascii: "t")
    }

    /// Decodes the string content in `range` (between the quotes), resolving escapes.
    func decodeString(_ range: Range<Int>) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard slice.contains(UInt8(ascii: "\\")) else { return String(decoding: slice, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        func flush() {
            if !utf8.isEmpty {
                scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
                utf8.removeAll(keepingCapacity: true)
            }
        }
        var index = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= slice.count else { return nil }
            var value: UInt32 = 0
            for offset in at..<(at + 4) {
                let byte = slice[offset]
                let digit: UInt8
                switch byte {
                case 48...57: digit = byte - 48
                case 65...70: digit = byte - 55
                case 97...102: digit = byte - 87
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < slice.count {
            let byte = slice[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < slice.count else {
                utf8.append(byte)
                index += 1
                continue
            }
            let escaped = slice[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "u"):
                guard var code = hex4(index) else { continue }
                index += 4
                if (0xD800..<0xDC00).contains(code), index + 6 <= slice.count, slice[index] == UInt8(ascii: "\\"),
                    slice[index + 1] == UInt8(ascii: "u"), let low = hex4(index + 2), (0xDC00..<0xE000).contains(low)
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                flush()
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: utf8.append(escaped)  // \" \\ \/
            }
        }
        flush()
        return String(scalars)
    }
}
