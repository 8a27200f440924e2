import Foundation
import SynclineConnectors
import SynclineCore
import Testing

/// The reference Gong response, read the way the sync will read real pages.
struct FixtureTests {
    @Test("Extracting ids, start times, e-mail addresses and the cursor from the Gong fixture gives the file's values")
    func extractsSelectedPaths() throws {
        let bytes = try Fixtures.gongCallsExtensive()
        let selection = Selection(paths: [
            "calls[].metaData.id", "calls[].metaData.started", "calls[].parties[].emailAddress", "records.cursor",
        ])
        let value = try JSONPull.parse(bytes, selection: selection)
        let cursor = "eyJhbGciOiJIUzI1NiJ9.eyJjYWxsSWQiM1M30.6qKwpOcvnuweTZmFRzYdtjs_YwJphJU4QIwWFM"
        let expected = Value.object([
            (key: "records", value: .object([(key: "cursor", value: .string(cursor))])),
            (
                key: "calls",
                value: .array([
                    .object([
                        (
                            key: "metaData",
                            value: .object([
                                (key: "id", value: .string("7782342274025937895")),
                                (key: "started", value: .string("2018-02-17T10:30:00Z")),
                            ])
                        ),
                        (
                            key: "parties",
                            value: .array([.object([(key: "emailAddress", value: .string("test@test.com"))])])
                        ),
                    ])
                ])
            ),
        ])
        #expect(value == expected)
        #expect(value["records"]?["cursor"]?.string == cursor)
        #expect(value["calls"]?[0]?["metaData"]?["id"]?.string == "7782342274025937895")
    }

    @Test("The selected values equal JSONSerialization's reading of the same file")
    func selectionMatchesOracle() throws {
        let bytes = try Fixtures.gongCallsExtensive()
        let oracle = try #require(Oracle.value(of: bytes))
        for paths in [
            ["calls[].metaData.id", "calls[].metaData.started", "calls[].parties[].emailAddress", "records.cursor"],
            ["calls[].metaData", "calls[].content.trackers[].occurrences"],
            ["requestId", "calls.parties.context.objects.fields.value"],
        ] {
            let selection = Selection(paths: paths)
            let value = try JSONPull.parse(bytes, selection: selection)
            #expect(sortingKeys(value) == pruning(oracle, to: selection))
        }
        #expect(sortingKeys(try JSONPull.parse(bytes)) == oracle)
        #expect(sortingKeys(try JSONPull.parse(Data(bytes))) == oracle)
    }
}
