import Foundation
import SynclineCore
import SynclineTestSupport
import Testing

@testable import SynclineConnectors

@Suite("The Webex catalogue matches Cisco's documented payloads")
struct WebexCatalogTests {
    private static func items(_ name: String) throws -> [Any] {
        try #require(try DocumentedPayloads.load(name)["items"] as? [Any], "\(name) has no items")
    }

    @Test("every field of the documented meetings, and of the single meeting, is in the meetings catalogue")
    func meetings() throws {
        let items = try Self.items("webex-get-v1-meetings.response.json")
        #expect(items.count == 4)
        for meeting in items { try DocumentedPayloads.expectAllResolve(meeting, in: WebexCatalog.meetingRecord) }
        try DocumentedPayloads.expectAllResolve(
            try DocumentedPayloads.load("webex-get-v1-meetings-id.response.json"), in: WebexCatalog.meetingRecord)
    }

    @Test("every field of the documented invitees and people is in their catalogues")
    func inviteesAndPeople() throws {
        for invitee in try Self.items("webex-get-v1-meetingInvitees.response.json") {
            try DocumentedPayloads.expectAllResolve(invitee, in: WebexCatalog.inviteeRecord)
        }
        let people = try Self.items("webex-get-v1-people.response.json")
        #expect(!people.isEmpty)
        for person in people { try DocumentedPayloads.expectAllResolve(person, in: WebexCatalog.personRecord) }
    }

    @Test("the personal meeting room and sites responses are the preferences record's two parts")
    func preferences() throws {
        try DocumentedPayloads.expectAllResolve(
            try DocumentedPayloads.load("webex-get-v1-meetingPreferences-personalMeetingRoom.response.json"),
            in: WebexCatalog.preferencesRecord, prefix: "personalMeetingRoom")
        try DocumentedPayloads.expectAllResolve(
            try DocumentedPayloads.load("webex-get-v1-meetingPreferences-sites.response.json"),
            in: WebexCatalog.preferencesRecord)
    }

    @Test("every object declares its user-level and admin-level scope and why it is needed")
    func scopes() {
        for object in WebexCatalog.connector.objects {
            let scope = WebexCatalog.scopes[object.name]
            #expect(scope != nil, "\(object.name) declares no scope")
            #expect(scope?.admin.contains("admin") == true)
            #expect(scope?.reason.isEmpty == false)
        }
    }

    @Test(
        "documented error bodies keep their message and trackingId",
        arguments: [
            (
                "webex-error-401.response.json",
                "The request requires a valid access token set in the Authorization request header.",
                "ROUTER_5E708612-B906-01BB-2E6D-6B0D98D52E6D"
            ),
            (
                "webex-get-v1-meetingPreferences-personalMeetingRoom.403.response.json",
                "Not permitted to view or change other user's preferences",
                "C385085C959545C8813E51803297E132_1562293603899"
            ),
        ])
    func errorBodies(file: String, message: String, trackingID: String) throws {
        let data = try Data(contentsOf: DocumentedPayloads.fixtures.appendingPathComponent(file))
        let body = try JSONDecoder().decode(WebexWire.ErrorBody.self, from: data)
        #expect(body.text == message)
        #expect(body.trackingId == trackingID)
        let bare = try JSONDecoder().decode(
            WebexWire.ErrorBody.self, from: Data(#"{"errors":[{"description":"d"}]}"#.utf8))
        #expect(bare.text == "d" && bare.trackingId == nil)
    }

    @Test(
        "the Link header's next page is found and kept verbatim",
        arguments: [
            (
                #"<https://webexapis.com/v1/people?displayName=Harold&max=10&before&after=Y2lz>; rel="next""#,
                "https://webexapis.com/v1/people?displayName=Harold&max=10&before&after=Y2lz" as String?
            ),
            (
                #"<https://a.example/p?x=1,2>; rel="first", <https://a.example/p?page=3>; rel=next"#,
                "https://a.example/p?page=3"
            ),
            (#"<https://a.example/1>; rel="prev next"; title="x""#, "https://a.example/1"),
            (#"<https://a.example/1>; rel="prev""#, nil),
            ("", nil),
            ("<https://a.example/unterminated; rel=\"next\"", nil),
        ])
    func linkHeader(header: String, next: String?) {
        #expect(WebexWire.nextLink(in: header) == next)
    }
}
