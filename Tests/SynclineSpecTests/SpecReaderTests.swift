import Foundation
import SynclineCore
import SynclineSpec
import Testing

@Suite("Reading job files")
struct SpecReaderTests {
    private func failure(_ text: String, reader: SpecReader = SpecReader()) -> Diagnostic? {
        failure(Data(text.utf8), reader: reader)
    }

    private func failure(_ data: Data, reader: SpecReader = SpecReader()) -> Diagnostic? {
        if case .failure(let diagnostic) = reader.read(data, displayName: "job.yaml") { return diagnostic }
        return nil
    }

    @Test("a YAML syntax error is one located diagnostic")
    func syntaxError() throws {
        let diagnostic = try #require(failure("version: 1\nsource: [calls\nmapping: {}\n"))
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.location.line == 3)
    }

    @Test("a duplicate key points at its second occurrence, with a note at the first, and never quotes the file")
    func duplicateKey() throws {
        let text = "version: 1\nconnection:\n  name: gong\n  secret_note: hunter2\n  name: other\n"
        let diagnostic = try #require(failure(text))
        #expect(diagnostic.code == .duplicateKey)
        #expect(diagnostic.message == "duplicate key 'name'")
        #expect(diagnostic.location == SourceLocation(file: "job.yaml", line: 5, column: 3))
        #expect(diagnostic.notes.map(\.location) == [SourceLocation(file: "job.yaml", line: 3, column: 3)])
        #expect(!diagnostic.message.contains("hunter2"))
    }

    @Test("bytes that are not UTF-8 are located at the first bad byte")
    func notUTF8() throws {
        var data = Data("version: 1\ndescription: caf".utf8)
        data.append(0xE9)  // Latin-1 'é'
        data.append(contentsOf: Array("\n".utf8))
        let diagnostic = try #require(failure(data))
        #expect(diagnostic.code == .notUTF8)
        #expect(diagnostic.location == SourceLocation(file: "job.yaml", line: 2, column: 17))
    }

    @Test("an alias bomb is refused within the node budget")
    func aliasBomb() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let started = ContinuousClock.now
        let diagnostic = try #require(failure(text))
        #expect(diagnostic.code == .inputTooLarge)
        #expect(diagnostic.message == "document expands to more than 100000 nodes (aliases included)")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("a file over the byte budget is refused before it is parsed")
    func hugeFile() throws {
        let reader = SpecReader(maxBytes: 1024)
        let diagnostic = try #require(failure(String(repeating: "# padding\n", count: 200), reader: reader))
        #expect(diagnostic.code == .inputTooLarge)
        #expect(diagnostic.message == "file is 2000 bytes; job files are limited to 1024 bytes")
    }

    @Test("an empty file says how a job starts")
    func emptyFile() throws {
        let diagnostic = try #require(failure(""))
        #expect(diagnostic.message == "file is empty; it should start with 'version: 1'")
    }
}
