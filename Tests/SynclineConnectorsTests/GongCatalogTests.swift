import Foundation
import SynclineConnectors
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("The Gong catalogue matches Gong's documented payloads")
struct GongCatalogTests {
    @Test("every field of the documented /v2/calls/extensive call is in the calls catalogue")
    func extensiveCalls() throws {
        let page = try DocumentedPayloads.load("gong-post-v2-calls-extensive.response.json")
        let calls = try #require(page["calls"] as? [Any])
        #expect(calls.count == 1)
        for call in calls { try DocumentedPayloads.expectAllResolve(call, in: GongCatalog.callRecord) }
    }

    @Test("every field of the documented /v2/calls item is in the call metadata")
    func basicCalls() throws {
        let page = try DocumentedPayloads.load("gong-get-v2-calls.response.json")
        let calls = try #require(page["calls"] as? [Any])
        let metaData = try #require(GongCatalog.callRecord.member("metaData")?.type)
        for call in calls { try DocumentedPayloads.expectAllResolve(call, in: metaData) }
    }

    @Test("every field of the documented /v2/users user is in the users catalogue")
    func users() throws {
        let page = try DocumentedPayloads.load("gong-get-v2-users.response.json")
        let users = try #require(page["users"] as? [Any])
        for user in users { try DocumentedPayloads.expectAllResolve(user, in: GongCatalog.userRecord) }
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
