import Foundation
import Logging
import SynclineCore
import SynclineTestSupport
import Testing

@testable import SynclineConnectors

/// The Webex source against the local organisation: windows, per-meeting invitees, per-person preferences.
@Suite("The Webex source over real HTTP")
struct WebexSourceTests {
    static func read(_ object: ObjectName, fields: [String], from: String?, to: String, base: String) async throws
        -> [SourcePage]
    {
        let source = WebexSource(
            client: WebexClientTests.client(base), object: object,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let window = SyncWindow(from: from.flatMap(Instant.date), to: try #require(Instant.date(to)))
        let request = ExtractRequest(
            job: "test", options: [:], fields: fields.compactMap { FieldPath($0) }, window: window)
        var pages: [SourcePage] = []
        for try await page in source.pages(request) { pages.append(page) }
        return pages
    }

    @Test("ended meetings are listed for the window, from inclusive and to exclusive, page by page")
    func meetings() async throws {
        let pages = try await WebexClientTests.withServer { base in
            try await Self.read(
                "meetings", fields: ["title", "start"], from: "2027-03-02T10:00:00.000Z",
                to: "2027-03-05T10:00:00.000Z",
                base: base)
        }
        #expect(pages.flatMap(\.records).compactMap { $0["id"]?.string } == ["m2_I_1", "m3_I_1", "m4_I_1"])
        #expect(pages.flatMap(\.records).compactMap { $0["title"]?.string } == ["Meeting 2", "Meeting 3", "Meeting 4"])
        #expect(pages.allSatisfy { $0.records.allSatisfy { $0["hostEmail"] == nil } }, "not pruned to the fields")
        #expect(pages.map(\.requests).reduce(0, +) == pages.count)
    }

    @Test("invitees are read per meeting of the window, each meeting's list followed to its end")
    func invitees() async throws {
        let pages = try await WebexClientTests.withServer { base in
            try await Self.read(
                "meeting_invitees", fields: ["email", "meetingId"], from: "2027-03-01T00:00:00.000Z",
                to: "2027-03-03T00:00:00.000Z", base: base)
        }
        #expect(pages.count == 2)
        #expect(
            pages.flatMap(\.records).compactMap { $0["id"]?.string } == [
                "m1_I_1_1", "m1_I_1_2", "m1_I_1_3", "m2_I_1_1", "m2_I_1_2", "m2_I_1_3",
            ])
        #expect(pages.last?.progress == 1)
    }

    @Test("preferences are read per person; a refused personal room (403) leaves it out, never guessed")
    func preferences() async throws {
        let pages = try await WebexClientTests.withServer { base in
            try await Self.read(
                "meeting_preferences", fields: [], from: nil, to: "2027-03-01T00:00:00.000Z", base: base)
        }
        let records = pages.flatMap(\.records)
        #expect(records.count == 25)
        let third = try #require(records.first { $0["personId"]?.string == "P3" })
        #expect(third["personalMeetingRoom"] == nil)
        #expect(third["sites"]?.array?.count == 2)
        let first = try #require(records.first { $0["personId"]?.string == "P1" })
        #expect(first["personalMeetingRoom"]?["personalMeetingRoomLink"]?.string == "https://acme.webex.com/meet/p1")
        #expect(first["email"]?.string == "p1@acme.example")
        // The refusal counts as the run's one warning.
        #expect(pages.map(\.warnings) == (0..<25).map { $0 == 3 ? 1 : 0 })
    }
}
