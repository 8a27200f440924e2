import Foundation
import Logging
import SynclineConnectors
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("The file source")
struct FileSourceTests {
    private func page(_ ids: [String], cursor: String? = nil) -> String {
        let calls = ids.map {
            #"{"metaData":{"id":"\#($0)","started":"2026-03-10T10:00:00Z","title":"t"},"parties":[]}"#
        }
        let records =
            cursor.map {
                #"{"totalRecords":9,"currentPageSize":\#(ids.count),"currentPageNumber":0,"cursor":"\#($0)"}"#
            }
            ?? #"{"totalRecords":9,"currentPageSize":\#(ids.count),"currentPageNumber":0}"#
        return #"{"requestId":"r","records":\#(records),"calls":[\#(calls.joined(separator: ","))]}"#
    }

    /// What `body` throws, as the user would read it; nil when it does not throw.
    private func failure(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The file connector's source for `object`, as the registry builds it for a plan.
    private func source(
        _ object: ObjectName = "gong_calls", rowsPerPage: Int = 1_000, in directory: TemporaryDirectory
    ) throws -> any Source {
        let plan = Plan(
            job: "j", summary: nil, extends: [], connection: nil,
            source: .init(connector: "file", object: object, options: [:], fields: [], idField: nil),
            target: .init(object: .touchpoint, mode: .createOnly, key: "touchpoint_id", allowsNewObjects: true),
            attributes: [], sync: .init(cursor: nil, initialBackfill: .zero, lookback: .zero),
            schedule: .init(cron: "0 23 * * *", timezone: nil, syncsOnSave: false, isEnabled: true)
        )
        let connector = FileConnector(recordFiles: GongConnector.recordFiles, rowsPerPage: rowsPerPage)
        let context = SourceContext(
            workingDirectory: directory.url, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try connector.source(for: plan, connection: nil, context: context)
    }

    private func read(
        _ request: ExtractRequest, object: ObjectName = "gong_calls", rowsPerPage: Int = 1_000,
        in directory: TemporaryDirectory
    ) async throws -> [SourcePage] {
        var pages: [SourcePage] = []
        for try await page in try source(object, rowsPerPage: rowsPerPage, in: directory).pages(request) {
            pages.append(page)
        }
        return pages
    }

    private func request(
        _ path: String, consumed: Set<FileMark> = [], fields: [String] = ["metaData.id"]
    ) -> ExtractRequest {
        ExtractRequest(
            job: "j", options: ["path": path], fields: fields.compactMap(FieldPath.init),
            window: SyncWindow(from: nil, to: .distantFuture), consumedFiles: consumed
        )
    }

    @Test("'**' matches folders at any depth, files are read in path order and named relative to the root")
    func globAndOrder() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(page(["b1"]), to: "export/delta/page_000001.json")
        try directory.write(page(["a1", "a2"]), to: "export/base/page_000001.json")
        try directory.write(page(["n"]), to: "export/base/nested/deeper/page_000009.json")
        try directory.write(page(["x"]), to: "export/base/index.json")
        try directory.write(page(["y"]), to: "export/page_000002.json")
        let pages = try await read(request("export/**/page_*.json"), in: directory)
        #expect(
            pages.map(\.label) == [
                "base/nested/deeper/page_000009.json", "base/page_000001.json", "delta/page_000001.json",
                "page_000002.json",
            ])
        #expect(pages.map(\.records.count) == [1, 2, 1, 1])
        #expect(pages.allSatisfy { $0.endsFile })
    }

    @Test("consumed files are skipped unless their size or modification time changed")
    func consumedFiles() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(page(["a"]), to: "in/page_1.json")
        try directory.write(page(["b"]), to: "in/page_2.json")
        let first = try await read(request("in/page_*.json"), in: directory)
        let consumed = Set(first.compactMap(\.file))
        #expect(try await read(request("in/page_*.json", consumed: consumed), in: directory).isEmpty)
        try directory.write(page(["b", "c"]), to: "in/page_2.json")
        let again = try await read(request("in/page_*.json", consumed: consumed), in: directory)
        #expect(again.map(\.label) == ["page_2.json"])
    }

    @Test("a truncated page fails with the file, line and column, and a page of another kind is refused")
    func malformedPages() async throws {
        let directory = try TemporaryDirectory()
        let text = page(["a", "b"])
        try directory.write(String(text.prefix(text.count - 20)), to: "bad/page_1.json")
        #expect(
            await failure { _ = try await read(request("bad/*.json"), in: directory) }
                == "malformed-page: page_1.json: line 1, column \(text.count - 19): unexpected end of input")
        try directory.write(#"{"requestId":"r","users":[]}"#, to: "other/page_1.json")
        #expect(
            await failure { _ = try await read(request("other/*.json"), in: directory) }
                == "malformed-page: page_1.json: the page has no 'calls' array")
        try directory.write(#"{"calls":[{"metaData":{"title":"no id"}}]}"#, to: "noid/page_1.json")
        #expect(
            await failure { _ = try await read(request("noid/*.json"), in: directory) }
                == "malformed-page: page_1.json: calls[0] has no 'metaData.id' string; the page is not a Gong calls page"
        )
    }

    @Test("Gong's documented 404 'no calls' body is an empty page, not an error")
    func noCalls() async throws {
        let directory = try TemporaryDirectory()
        let body = try String(
            contentsOf: RepositoryPaths.fixtures().appendingPathComponent(
                "gong-post-v2-calls-extensive.404-no-calls.response.json"), encoding: .utf8)
        try directory.write(body, to: "empty/page_1.json")
        let pages = try await read(request("empty/*.json"), in: directory)
        #expect(pages.map(\.records.count) == [0])
    }

    @Test("the documented /v2/calls/extensive example reads as one call with the selected fields")
    func documentedPage() async throws {
        let directory = try TemporaryDirectory()
        let body = try String(
            contentsOf: RepositoryPaths.fixtures().appendingPathComponent("gong-post-v2-calls-extensive.response.json"),
            encoding: .utf8)
        try directory.write(body, to: "doc/page_1.json")
        let pages = try await read(
            request("doc/*.json", fields: ["metaData.id", "metaData.started", "parties[].emailAddress"]), in: directory)
        let call = try #require(pages.first?.records.first)
        #expect(call.value(at: FieldPath("metaData.id")!)?.string == "7782342274025937895")
        #expect(call.value(at: FieldPath("metaData.started")!)?.string == "2018-02-17T10:30:00Z")
        #expect(call.values(at: FieldPath("parties[].emailAddress")!).compactMap(\.string) == ["test@test.com"])
        #expect(call["content"] == nil)  // not selected, so not kept
    }

    @Test("CSV files are read by header name, empty cells are null, and pages split long files")
    func csv() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "domain,account_id,account_name\nacme.example,A1,\"Acme, Inc\"\nglobex.example,B2,\n\n", to: "accounts.csv")
        let pages = try await read(
            request("accounts.csv", fields: ["account_id", "account_name"]), object: "csv", rowsPerPage: 1,
            in: directory)
        #expect(pages.map(\.records.count) == [1, 1, 0])
        #expect(pages.map(\.endsFile) == [false, false, true])
        #expect(
            pages[0].records[0] == .object([("account_id", .string("A1")), ("account_name", .string("Acme, Inc"))]))
        #expect(pages[1].records[0]["account_name"] == .null)
        #expect(
            await failure {
                _ = try await read(
                    request("accounts.csv", fields: ["account_id", "owner"]), object: "csv", in: directory)
            } == "malformed-page: accounts.csv: no column 'owner' in the header (domain,account_id,account_name)")
    }

    @Test("NDJSON files are read a page of lines at a time")
    func ndjson() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("{\"id\":\"1\",\"x\":1}\n\n{\"id\":\"2\",\"x\":2}\n{\"id\":\"3\"}\n", to: "rows.ndjson")
        let pages = try await read(
            request("rows.ndjson", fields: ["id"]), object: "ndjson", rowsPerPage: 2, in: directory)
        #expect(pages.map { $0.records.map { $0["id"]?.string ?? "" } } == [["1", "2"], ["3"]])
        #expect(pages.map(\.endsFile) == [false, true])
    }
}
