import Foundation
import SynclineConnectors
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("The Gong catalogue matches Gong's documented payloads")
struct GongCatalogTests {
    private static let fixtures = RepositoryPaths.fixtures()

    /// Every path to a value in `json`, arrays written `name[]`, objects stepped into.
    private static func paths(in json: Any, prefix: String = "") -> Set<String> {
        var found: Set<String> = []
        if let object = json as? [String: Any] {
            for (key, value) in object {
                let path = prefix.isEmpty ? key : prefix + "." + key
                found.insert(path)
                found.formUnion(paths(in: value, prefix: path))
            }
        } else if let array = json as? [Any] {
            for element in array {
                found.formUnion(paths(in: element, prefix: prefix + "[]").subtracting([prefix + "[]"]))
            }
        }
        return found
    }

    private static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func expectAllResolve(_ json: Any, in record: FieldType) throws {
        let paths = Self.paths(in: json)
        #expect(!paths.isEmpty)
        for text in paths.sorted() {
            let path = try #require(FieldPath(text), "not a path: \(text)")
            if case .failure = record.resolve(path) {
                Issue.record("documented field '\(text)' is missing from the catalogue")
            }
        }
    }

    @Test("every field of the documented /v2/calls/extensive call is in the calls catalogue")
    func extensiveCalls() throws {
        let page = try Self.load("gong-post-v2-calls-extensive.response.json")
        let calls = try #require(page["calls"] as? [Any])
        #expect(calls.count == 1)
        for call in calls { try expectAllResolve(call, in: GongCatalog.callRecord) }
    }

    @Test("every field of the documented /v2/calls item is in the call metadata")
    func basicCalls() throws {
        let page = try Self.load("gong-get-v2-calls.response.json")
        let calls = try #require(page["calls"] as? [Any])
        let metaData = try #require(GongCatalog.callRecord.member("metaData")?.type)
        for call in calls { try expectAllResolve(call, in: metaData) }
    }

    @Test("every field of the documented /v2/users user is in the users catalogue")
    func users() throws {
        let page = try Self.load("gong-get-v2-users.response.json")
        let users = try #require(page["users"] as? [Any])
        for user in users { try expectAllResolve(user, in: GongCatalog.userRecord) }
    }

    @Test("the catalogue's call id, cursor and datetime fields are typed as Gong documents them")
    func cursorAndTypes() throws {
        #expect(GongCatalog.calls.idField == FieldPath("metaData.id"))
        #expect(GongCatalog.calls.defaultCursor == FieldPath("metaData.started"))
        let started = try #require(FieldPath("metaData.started"))
        #expect(try GongCatalog.callRecord.resolve(started).get() == .datetime)
        let duration = try #require(FieldPath("metaData.duration"))
        #expect(try GongCatalog.callRecord.resolve(duration).get() == .integer)
    }
}
