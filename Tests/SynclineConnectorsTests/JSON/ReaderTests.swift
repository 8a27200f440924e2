import Foundation
import SynclineConnectors
import SynclineCore
import Testing

/// Details of scalar parsing and the reader's entry points.
struct ReaderTests {
    @Test("Integer literals that fit Int64 are ints and everything else is a double")
    func numberKinds() throws {
        #expect(try JSONPull.parse("0") == .int(0))
        #expect(try JSONPull.parse("-0") == .int(0))
        #expect(try JSONPull.parse("9223372036854775807") == .int(.max))
        #expect(try JSONPull.parse("-9223372036854775808") == .int(.min))
        #expect(try JSONPull.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONPull.parse("-9223372036854775809") == .double(-0x1p63))
        #expect(try JSONPull.parse("1.0") == .double(1))
        #expect(try JSONPull.parse("1E2") == .double(100))
        #expect(try JSONPull.parse("0.1") == .double(0.1))
        #expect(try JSONPull.parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
        let subnormal = Double("2.2250738585072011e-308")
        #expect(try JSONPull.parse("2.2250738585072011e-308").double == subnormal)
        #expect(try JSONPull.parse("1e-400") == .double(0))
        #expect(try JSONPull.parse("0e999999999999") == .double(0))
        let negativeZero = try JSONPull.parse("-0.0").double
        #expect(negativeZero == 0 && negativeZero?.sign == .minus)
    }

    @Test("Every escape decodes, including surrogate pairs, and raw UTF-8 passes through")
    func stringEscapes() throws {
        let text = #""\"\\\/\b\f\n\r\t\u0000\u00e9\u20AC\uD83D\uDE00é€😀""#
        #expect(try JSONPull.parse(text) == .string("\"\\/\u{8}\u{C}\n\r\t\u{0}é€😀é€😀"))
        #expect(try JSONPull.parse(#""""#) == .string(""))
        let long = String(repeating: "abcdefgh", count: 100)
        #expect(try JSONPull.parse("\"\(long)\\n\(long)\"") == .string(long + "\n" + long))
    }

    @Test("U+FEFF inside strings is kept, raw or escaped, although JSONSerialization drops it")
    func zeroWidthNoBreakSpaceIsKept() throws {
        let value = try JSONPull.parse("[\"a\u{FEFF}b\", \"\\uFEFF\"]")
        #expect(value == .array([.string("a\u{FEFF}b"), .string("\u{FEFF}")]))
        #expect(value[0]?.string?.unicodeScalars.count == 3)
    }

    @Test("A UTF-8 byte order mark at the start is ignored")
    func byteOrderMark() throws {
        #expect(try JSONPull.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.int(1)]))
    }

    @Test("Data, byte arrays and strings are all accepted by the convenience entry point")
    func convenienceEntryPoints() throws {
        let text = #"{"a": [1, "b"]}"#
        let expected = Value.object([(key: "a", value: .array([.int(1), .string("b")]))])
        #expect(try JSONPull.parse(text) == expected)
        #expect(try JSONPull.parse(Array(text.utf8)) == expected)
        #expect(try JSONPull.parse(Data(text.utf8)) == expected)
        #expect(try JSONPull.parse(Data(text.utf8), selection: .members([:])) == .object([]))
    }

    @Test("The reader reports its offset and reads a document surrounded by whitespace")
    func readerOffset() throws {
        let bytes = Array("  [true, false, null]  \n".utf8)
        var offset = 0
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONPullError) -> Value in
                var reader = JSONPullReader(buffer)
                defer { offset = reader.offset }
                return try reader.read()
            }
        }
        #expect(try result.get() == .array([.bool(true), .bool(false), .null]))
        #expect(offset == bytes.count)
    }
}
