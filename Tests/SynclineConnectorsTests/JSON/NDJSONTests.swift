import SynclineConnectors
import SynclineCore
import Testing

/// `readNext` reads newline-delimited documents one at a time.
struct NDJSONTests {
    /// Reads every document of `text` with `readNext`, returning the values or the first error.
    func readAll(_ text: String, _ selection: Selection = .all) -> Result<[Value], JSONPullError> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(JSONPullError) -> [Value] in
                var reader = JSONPullReader(UnsafeRawBufferPointer(buffer))
                var values: [Value] = []
                while let value = try reader.readNext(selection) {
                    values.append(value)
                }
                // Once at the end, it stays at the end.
                #expect(try reader.readNext(selection) == nil)
                return values
            }
        }
    }

    @Test("Documents on separate lines are read in order and blank lines are skipped")
    func readsLinesSkippingBlankOnes() throws {
        let text = "\n{\"a\":1,\"b\":[true]}\n\n   \n[1,2]\r\n\"s\"\n\t\n42\n\nnull"
        let values = try readAll(text).get()
        #expect(
            values == [
                .object([(key: "a", value: .int(1)), (key: "b", value: .array([.bool(true)]))]),
                .array([.int(1), .int(2)]),
                .string("s"),
                .int(42),
                .null,
            ])
    }

    @Test("Each line is pruned by the selection")
    func appliesSelectionPerLine() throws {
        let text = "{\"id\":1,\"big\":{\"x\":[1,2,3]}}\n{\"id\":2,\"big\":null}\n{\"big\":\"only\"}\n"
        let values = try readAll(text, Selection(paths: ["id"])).get()
        #expect(
            values == [
                .object([(key: "id", value: .int(1))]),
                .object([(key: "id", value: .int(2))]),
                .object([]),
            ])
    }

    @Test("Empty and whitespace-only input yields no documents")
    func emptyInput() throws {
        #expect(try readAll("").get() == [])
        #expect(try readAll("\n\n  \r\n").get() == [])
    }

    @Test("A document may span lines but another document on the same line is an error")
    func separatorRules() throws {
        #expect(try readAll("{\n\"a\": 1\n}\n[2]").get().count == 2)
        guard case .failure(let error) = readAll("{\"a\":1}\n{\"a\":2} {\"a\":3}\n") else {
            Issue.record("accepted two documents on one line")
            return
        }
        #expect(error.description == "line 2, column 9: trailing characters after document")
    }

    @Test("An error in a later line reports that line")
    func errorsReportTheirLine() {
        guard case .failure(let error) = readAll("{\"a\":1}\n\n{\"a\":}\n") else {
            Issue.record("accepted a malformed line")
            return
        }
        #expect(error.line == 3)
        #expect(error.column == 6)
        #expect(error.message == "expected a value, found '}'")
    }

    @Test("A truncated last line is an error, not a shorter document")
    func truncatedLastLine() {
        guard case .failure(let error) = readAll("{\"a\":1}\n{\"a\":[1,2", .members([:])) else {
            Issue.record("accepted a truncated line")
            return
        }
        #expect(error.message == "unexpected end of input")
    }
}
