import Foundation
import Logging
import SynclineCore

/// Reads one Webex object for a run's window: ended meeting instances, their invitees, the organisation's
/// people, or each person's meeting preferences.
///
/// Lists are followed through their `Link` headers. Meetings are listed with the window's `from` (inclusive) and
/// `to` (exclusive); invitees are listed per meeting of the window; preferences are read per person, and a person
/// whose personal room Webex refuses (403) gets a record without one and a logged warning, never a guess.
struct WebexSource: Source {
    let client: WebexClient
    let object: ObjectName
    let logger: Logger

    func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> {
        WebexPages(source: self, request: request)
    }
}

/// The pages of one request, as a pull-driven sequence: nothing is fetched before the engine asks.
struct WebexPages: AsyncSequence {
    typealias Element = SourcePage
    typealias Failure = any Error

    let source: WebexSource
    let request: ExtractRequest

    func makeAsyncIterator() -> Iterator { Iterator(source: source, request: request) }

    struct Iterator: AsyncIteratorProtocol {
        let source: WebexSource
        let request: ExtractRequest
        var started = false
        /// The next page of the list being read.
        var next: String?
        /// Meetings or people still to read per item (invitees, preferences), and how many there were.
        var pending: [(id: String, email: String?)] = []
        var total = 0
        var pageNumber = 0

        init(source: WebexSource, request: ExtractRequest) {
            self.source = source
            self.request = request
        }

        var client: WebexClient { source.client }

        /// The meetings list of the window: ended instances, 100 a page.
        func meetingsURL() async -> String {
            var query = [("meetingType", "meeting"), ("state", "ended")]
            if let from = request.window.from { query.append(("from", Instant.preciseText(from))) }
            query += [("to", Instant.preciseText(request.window.to)), ("max", "100")]
            return await client.url("/meetings", query: query)
        }

        mutating func next() async throws -> SourcePage? {
            try Task.checkCancellation()
            let before = await client.requestsSent
            var page: SourcePage?
            switch source.object {
            case WebexCatalog.meetings.name:
                let first = await meetingsURL()
                page = try await list(first: first, idField: "id", fields: request.fields, what: "meetings")
            case WebexCatalog.people.name:
                let first = await client.url("/people", query: [("max", "100")])
                page = try await list(
                    first: first, idField: "id", fields: request.fields,
                    what: "people")
            case WebexCatalog.meetingInvitees.name:
                let fields = request.fields
                let first = await meetingsURL()
                page = try await perItem(
                    first: first, fields: ["id"], what: "meetings"
                ) { client, item in
                    let url = await client.url("/meetingInvitees", query: [("meetingId", item.id), ("max", "100")])
                    let invitees = try await Self.readAll(url, client: client, idField: "id", fields: fields) {
                        "invitees of meeting \(item.id) page \($0)"
                    }
                    return (invitees, 0)
                }
            case WebexCatalog.meetingPreferences.name:
                let first = await client.url("/people", query: [("max", "100")])
                page = try await perItem(
                    first: first, fields: ["id", "emails"],
                    what: "people"
                ) { [logger = source.logger] client, item in
                    try await Self.preferences(of: item, client: client, logger: logger)
                }
            default:
                throw ConnectorError(.configuration, "the webex connector has no object '\(source.object)'")
            }
            guard var page else { return nil }
            page.requests = await client.requestsSent - before
            return page
        }

        /// One page of a list read whole, through its `Link` headers.
        mutating func list(first: String, idField: String, fields: [FieldPath], what: String) async throws
            -> SourcePage?
        {
            if !started {
                started = true
                next = first
            }
            guard let url = next else { return nil }
            pageNumber += 1
            let label = "\(what) page \(pageNumber)"
            let response = try await client.get(url)
            let items = try WebexPage.items(response.body, fields: fields, idField: idField, label: label)
            next = response.next
            return SourcePage(records: items, label: label)
        }

        /// Lists every item of `first` (its pages are not served), then serves one page per item from `read`.
        mutating func perItem(
            first: String, fields: [String], what: String,
            read: (WebexClient, (id: String, email: String?)) async throws -> (records: [Value], warnings: Int)
        ) async throws -> SourcePage? {
            if !started {
                let paths = fields.compactMap { FieldPath($0) }
                let items = try await Self.readAll(first, client: client, idField: "id", fields: paths) {
                    "\(what) page \($0)"
                }
                pending = items.compactMap { item in
                    item["id"]?.string.map { ($0, item["emails"]?.array?.first?.string) }
                }
                total = pending.count
                started = true
            }
            guard !pending.isEmpty else { return nil }
            let item = pending.removeFirst()
            let (records, warnings) = try await read(client, item)
            var page = SourcePage(records: records, label: "\(source.object) of \(item.id)")
            page.warnings = warnings
            page.progress = Double(total - pending.count) / Double(Swift.max(total, 1))
            return page
        }

        /// Every item of a list, page after page.
        static func readAll(
            _ first: String, client: WebexClient, idField: String, fields: [FieldPath], label: (Int) -> String
        ) async throws -> [Value] {
            var items: [Value] = []
            var url: String? = first
            var number = 0
            while let current = url {
                try Task.checkCancellation()
                number += 1
                let response = try await client.get(current)
                items += try WebexPage.items(response.body, fields: fields, idField: idField, label: label(number))
                url = response.next
            }
            return items
        }

        /// One person's preferences: the personal room (absent, with a warning, when Webex refuses it) and the
        /// sites.
        static func preferences(
            of person: (id: String, email: String?), client: WebexClient, logger: Logger
        ) async throws -> (records: [Value], warnings: Int) {
            var members: [(String, Value)] = [("personId", .string(person.id))]
            var warnings = 0
            guard let email = person.email else { return ([.object(members)], 0) }
            members.append(("email", .string(email)))
            do {
                let room = try await client.get(
                    await client.url("/meetingPreferences/personalMeetingRoom", query: [("userEmail", email)]))
                members.append(("personalMeetingRoom", try JSONPull.parse(room.body)))
            } catch let error as ConnectorError where error.code == .forbidden {
                warnings += 1
                logger.warning(
                    "webex refused a person's personal meeting room: meetings in it get no owner",
                    metadata: ["person.id": "\(person.id)", "error": "\(error)"])
            }
            let sites = try await client.get(
                await client.url("/meetingPreferences/sites", query: [("userEmail", email)]))
            members.append(("sites", try JSONPull.parse(sites.body)["sites"] ?? .array([])))
            return ([.object(members)], warnings)
        }
    }
}
