import Foundation
import SynclineConnectors
import SynclineCore
import Testing

/// Malformed input is rejected with a precise message and position, whether the bad part is kept or skipped.
struct InvalidInputTests {
    /// One malformed document and the error it must produce.
    struct Case: CustomTestStringConvertible, Sendable {
        /// The input bytes.
        var input: [UInt8]
        /// The expected error message.
        var message: String
        /// The expected 1-based line.
        var line: Int
        /// The expected 1-based column.
        var column: Int
        /// Whether JSONSerialization (which is lenient about trailing commas) accepts this input.
        var foundationAccepts = false
        /// Whether the error can only happen at the top level (so wrapping the input changes it).
        var topLevelOnly = false

        init(
            _ text: String,
            _ message: String,
            line: Int = 1,
            column: Int,
            foundationAccepts: Bool = false,
            topLevelOnly: Bool = false
        ) {
            self.init(
                bytes: Array(text.utf8), message, line: line, column: column,
                foundationAccepts: foundationAccepts, topLevelOnly: topLevelOnly)
        }

        init(
            bytes: [UInt8],
            _ message: String,
            line: Int = 1,
            column: Int,
            foundationAccepts: Bool = false,
            topLevelOnly: Bool = false
        ) {
            input = bytes
            self.message = message
            self.line = line
            self.column = column
            self.foundationAccepts = foundationAccepts
            self.topLevelOnly = topLevelOnly
        }

        var testDescription: String {
            String(decoding: input.prefix(40), as: UTF8.self).debugDescription
        }
    }

    static let cases: [Case] = [
        Case(#"{"a":1 "b":2}"#, "expected ',' or '}' after object member", column: 8),
        Case("[1 2]", "expected ',' or ']' after array element", column: 4),
        Case("[1}", "expected ',' or ']' after array element", column: 3),
        Case(#"{"a":1]"#, "expected ',' or '}' after object member", column: 7),
        Case(#"{"a" 1}"#, "expected ':' after object key", column: 6),
        Case("{\n  \"a\": 1,\n  \"b\" 2\n}", "expected ':' after object key", line: 3, column: 7),
        Case("{1:2}", "expected '\"' to begin an object key, found '1'", column: 2),
        Case(#"{"a":1,}"#, "expected '\"' to begin an object key, found '}'", column: 8, foundationAccepts: true),
        Case("[1,]", "expected a value, found ']'", column: 4, foundationAccepts: true),
        Case(#"{"a":}"#, "expected a value, found '}'", column: 6),
        Case("\"abc", "unterminated string", column: 1),
        Case("[\"ab\\\"]", "unterminated string", column: 2),
        Case(#""\q""#, "invalid escape '\\q'", column: 2),
        Case("\"\\\n\"", "invalid escape '\\' followed by byte 0x0A", column: 2),
        Case(#""\u12G4""#, "invalid \\u escape, expected 4 hex digits", column: 2),
        Case(#""\u00""#, "invalid \\u escape, expected 4 hex digits", column: 2),
        Case(#""\ud800""#, "unpaired surrogate '\\uD800'", column: 2),
        Case(#"["x\uDC00"]"#, "unpaired surrogate '\\uDC00'", column: 4),
        Case(#""\uD800\u0041""#, "unpaired surrogate '\\uD800'", column: 2),
        Case(#""\uD800\uD800""#, "unpaired surrogate '\\uD800'", column: 2),
        Case("\"a\tb\"", "control character in string", column: 3),
        Case("[\"é\", \"\u{1}\"]", "control character in string", column: 8),
        Case(bytes: [0x22, 0xC3, 0x28, 0x22], "invalid UTF-8 in string", column: 2),
        Case(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 in string", column: 2),
        Case(bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 in string", column: 2),
        Case(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 in string", column: 2),
        Case(bytes: [0x22, 0x80, 0x22], "invalid UTF-8 in string", column: 2),
        Case("", "unexpected end of input", column: 1, topLevelOnly: true),
        Case("  \n ", "unexpected end of input", line: 2, column: 2, topLevelOnly: true),
        Case("[1,", "unexpected end of input", column: 4, topLevelOnly: true),
        Case("01", "invalid number", column: 1),
        Case("-01", "invalid number", column: 1),
        Case("[1.]", "invalid number", column: 2),
        Case("1.e5", "invalid number", column: 1),
        Case("1e", "invalid number", column: 1),
        Case("[-]", "invalid number", column: 2),
        Case("1e+", "invalid number", column: 1),
        Case("[--1]", "invalid number", column: 2),
        Case(".5", "expected a value, found '.'", column: 1),
        Case("+1", "expected a value, found '+'", column: 1),
        Case("NaN", "expected a value, found 'N'", column: 1),
        Case("[Infinity]", "expected a value, found 'I'", column: 2),
        Case("[1e400]", "number out of range", column: 2),
        Case("-1E999999999", "number out of range", column: 1),
        Case("[tru]", "invalid literal, expected 'true'", column: 2),
        Case("[nulL]", "invalid literal, expected 'null'", column: 2),
        Case("falsy", "invalid literal, expected 'false'", column: 1),
        Case("nul", "unexpected end of input", column: 4, topLevelOnly: true),
        Case("[1] x", "trailing characters after document", column: 5, topLevelOnly: true),
        Case("{\"a\":1}\n\n  }", "trailing characters after document", line: 3, column: 3, topLevelOnly: true),
        Case("1 2", "trailing characters after document", column: 3, topLevelOnly: true),
        Case("[\"é😀\", x]", "expected a value, found 'x'", column: 8),
        Case(bytes: [0x5B, 0xC3, 0xA9, 0x5D], "expected a value, found byte 0xC3", column: 2),
        Case(
            String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
            "maximum nesting depth of 512 exceeded",
            column: 513
        ),
    ]

    @Test("Each malformed input is rejected with the expected message, line and column", arguments: cases)
    func malformedInput(_ testCase: Case) {
        let result = pull(testCase.input)
        guard case .failure(let error) = result else {
            Issue.record("accepted: \(result)")
            return
        }
        #expect(error.message == testCase.message)
        #expect(error.line == testCase.line)
        #expect(error.column == testCase.column)
        #expect(error.description == "line \(testCase.line), column \(testCase.column): \(testCase.message)")
    }

    @Test("Foundation rejects the malformed inputs too, except the trailing commas it tolerates", arguments: cases)
    func foundationAgrees(_ testCase: Case) {
        #expect((Oracle.parse(testCase.input) != nil) == testCase.foundationAccepts)
    }

    @Test("A malformed value is rejected with the same message when it sits in a skipped member", arguments: cases)
    func malformedSkippedMember(_ testCase: Case) {
        guard !testCase.topLevelOnly else { return }
        let wrapped = Array(#"{"keep": 1, "skipped": "#.utf8) + testCase.input + Array("}".utf8)
        let result = pull(wrapped, Selection(paths: ["keep"]))
        guard case .failure(let error) = result else {
            Issue.record("accepted: \(result)")
            return
        }
        #expect(error.message == testCase.message)
    }

    @Test("Every strict prefix of a valid document is rejected, kept or skipped, and Foundation agrees")
    func truncatedDocumentsAreRejected() throws {
        var generator = ValueGenerator(seed: 21)
        var renderer = ScrambledRenderer(seed: 22)
        var documents: [[UInt8]] = [
            Array(#"{"a": [1, -2.5e+3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00é😀"], "b": {}}"#.utf8),
            Array(#"[{"k": "v"}, [], [[]], 0, -0, 1E5, "", {"": null}]"#.utf8),
        ]
        for _ in 0..<15 {
            let value = generator.container(depth: 3)
            documents.append(Array(CompactRenderer.render(value).utf8))
            documents.append(Array(renderer.render(value).utf8))
        }
        for document in documents {
            let trimmed = Array(document.reversed().drop { [0x20, 0x0A, 0x0D, 0x09].contains($0) }.reversed())
            guard case .success(let value) = pull(trimmed) else {
                Issue.record("valid document rejected: \(String(decoding: trimmed, as: UTF8.self))")
                continue
            }
            let selection = generator.selection(for: value)
            for length in 0..<trimmed.count {
                let prefix = Array(trimmed[..<length])
                for chosen in [Selection.all, .members([:]), selection] {
                    if case .success(let parsed) = pull(prefix, chosen) {
                        Issue.record("prefix accepted: \(String(decoding: prefix, as: UTF8.self)) -> \(parsed)")
                    }
                }
                #expect(Oracle.parse(prefix) == nil)
            }
        }
    }

    @Test("Mutated documents are accepted or rejected as JSONSerialization does, and alike whatever is selected")
    func mutationsMatchOracle() {
        var generator = ValueGenerator(seed: 31)
        var renderer = ScrambledRenderer(seed: 32)
        let alphabet = Array("\"\\{}[],:0123-+.eEtfnu \n/".utf8) + [0x01, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
        var failures = 0
        for caseIndex in 0..<1_500 where failures < 5 {
            let value = generator.container(depth: 3)
            var text = Array(renderer.render(value).utf8)
            guard !text.isEmpty else { continue }
            let position = generator.random.int(in: 0...text.count - 1)
            switch generator.random.int(in: 0...2) {
            case 0: text[position] = generator.random.pick(alphabet)
            case 1: text.remove(at: position)
            default: text.insert(generator.random.pick(alphabet), at: position)
            }
            let verdicts = [Selection.all, .members([:]), generator.selection(for: value)].map { selection in
                pull(text, selection).map { _ in "accepted" }
            }
            let foundationAccepts = Oracle.parse(text) != nil
            var consistent = verdicts.allSatisfy { verdict in
                switch (verdict, verdicts[0]) {
                case (.success, .success): true
                case (.failure(let left), .failure(let right)):
                    left.message == right.message && left.offset == right.offset
                default: false
                }
            }
            switch verdicts[0] {
            case .success:
                consistent = consistent && foundationAccepts
            case .failure(let error):
                // JSONSerialization tolerates trailing commas in arrays and objects.
                let trailingComma =
                    error.message == "expected a value, found ']'"
                    || error.message == "expected '\"' to begin an object key, found '}'"
                consistent = consistent && (!foundationAccepts || trailingComma)
            }
            if !consistent {
                failures += 1
                let shown = String(decoding: text, as: UTF8.self)
                Issue.record("case \(caseIndex): \(verdicts), Foundation accepts: \(foundationAccepts) for \(shown)")
            }
        }
    }

    @Test("Every strict prefix of the Gong fixture is rejected, whether skipped or selected")
    func truncatedFixtureIsRejected() throws {
        let fixture = try Fixtures.gongCallsExtensive()
        let selection = Selection(paths: ["records.cursor", "calls[].metaData.id", "calls[].parties[].emailAddress"])
        // Quadratic work, so each prefix is read once, alternately skipping everything and selecting.
        for length in 0..<fixture.count - 1 {
            let prefix = Array(fixture[..<length])
            if case .success = pull(prefix, length.isMultiple(of: 2) ? .members([:]) : selection) {
                Issue.record("prefix of \(length) bytes accepted")
            }
        }
    }

    @Test("Nesting up to the depth limit is accepted and deeper nesting fails cleanly, kept or skipped")
    func nestingDepthLimit() {
        func nested(_ depth: Int) -> [UInt8] {
            Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        }
        func nestedInMember(_ depth: Int) -> [UInt8] {
            Array(#"{"x":"#.utf8) + nested(depth) + Array("}".utf8)
        }
        #expect((try? pull(nested(512)).get()) != nil)
        #expect((try? pull(nestedInMember(511), .members([:])).get()) == .object([]))
        #expect(Oracle.parse(nested(512)) != nil)
        #expect(Oracle.parse(nested(513)) == nil)
        for (input, selection) in [
            (nested(513), Selection.all), (nestedInMember(512), .members([:])), (nestedInMember(512), .all),
            (nested(100_000), .all), (nestedInMember(100_000), .members([:])),
        ] {
            let result = pull(input, selection)
            guard case .failure(let error) = result else {
                Issue.record("deep nesting accepted")
                continue
            }
            #expect(error.message == "maximum nesting depth of 512 exceeded")
        }
        let shallow = Array("[[[1]]]".utf8)
        let limited = Result { () throws(JSONPullError) -> Value in try JSONPull.parse(shallow, maxDepth: 2) }
        #expect((try? limited.get()) == nil)
    }
}
