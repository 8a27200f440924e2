import Foundation
import SynclineCore
import SynclineTestSupport
import Testing

@testable import SynclineConnectors

@Suite("Webex list pages")
struct WebexPageTests {
    @Test("the documented meetings page is read pruned to the fields a job uses, and their ids")
    func documentedMeetings() throws {
        let data = try Data(
            contentsOf: RepositoryPaths.fixtures().appendingPathComponent("webex-get-v1-meetings.response.json"))
        let fields = try ["title", "start", "hostEmail"].map { try #require(FieldPath($0)) }
        let items = try WebexPage.items(data, fields: fields, idField: "id", label: "page 1")
        #expect(items.count == 4)
        for item in items {
            let keys = Set((item.members ?? []).map(\.key))
            #expect(keys.isSubset(of: ["id", "title", "start", "hostEmail"]))
            #expect(item["id"]?.string?.isEmpty == false)
        }
        #expect(items.compactMap { $0["id"]?.string }.filter { $0.contains("_I_") }.count == 2)
    }

    @Test(
        "a malformed page fails, saying what is wrong",
        arguments: [
            (#"{"items": [{"id": "a"}"#, "page 2: the response is not valid JSON"),
            (#"{"message": "x"}"#, "page 2: the page has no 'items' array; it is not a Webex list page"),
            (#"{"items": {"id": "a"}}"#, "page 2: 'items' is not an array"),
            (#"{"items": [{"id": "a"}, {"title": "no id"}]}"#, "page 2: items[1] has no 'id' string"),
        ])
    func malformed(body: String, message: String) throws {
        #expect {
            try WebexPage.items(Data(body.utf8), fields: [], idField: "id", label: "page 2")
        } throws: { error in
            (error as? ConnectorError)?.code == .malformedPage && "\(error)".contains(message)
        }
    }
}
