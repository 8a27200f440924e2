package import Foundation
package import Logging
import NIOHTTP1
package import SynclineCore

/// Reads Gong API v2: `calls` through `POST /v2/calls/extensive`, `users` through `GET /v2/users`.
///
/// Long windows are walked oldest first in slices (Gong caps one request's date range); each slice's last page
/// carries a safe watermark, so the slices already stored survive a failure or a spent quota. The request body
/// asks only for the blocks the plan's fields use.
package struct GongSource: Source {
    /// The longest window one request covers.
    package var sliceLength: TimeInterval
    private let client: GongClient
    private let logger: Logger

    /// A source over `client`; `sliceLength` defaults to 30 days (Gong is reported to cap a request at 90).
    package init(client: GongClient, sliceLength: TimeInterval = 30 * 86_400, logger: Logger) {
        self.client = client
        self.sliceLength = sliceLength
        self.logger = logger
    }

    package func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> {
        GongPages(client: client, request: request, sliceLength: sliceLength, logger: logger)
    }
}

/// The pages of one request: slices in order, each followed cursor by cursor.
struct GongPages: AsyncSequence {
    typealias Element = SourcePage
    typealias Failure = any Error

    let client: GongClient
    let request: ExtractRequest
    let sliceLength: TimeInterval
    let logger: Logger

    func makeAsyncIterator() -> Iterator {
        Iterator(
            client: client, request: request, slices: Self.slices(of: request.window, length: sliceLength),
            logger: logger)
    }

    /// [from, to) cut into slices of at most `length`, oldest first; one unbounded slice without a start.
    static func slices(of window: SyncWindow, length: TimeInterval) -> [SyncWindow] {
        guard let from = window.from else { return [window] }
        var slices: [SyncWindow] = []
        var start = from
        while start < window.to {
            let end = Swift.min(start.addingTimeInterval(length), window.to)
            slices.append(SyncWindow(from: start, to: end))
            start = end
        }
        return slices
    }

    struct Iterator: AsyncIteratorProtocol {
        let client: GongClient
        let request: ExtractRequest
        var slices: [SyncWindow]
        let logger: Logger
        var sliceIndex = 0
        var cursor: String?
        var pageNumber = 0
        var finished = false

        init(client: GongClient, request: ExtractRequest, slices: [SyncWindow], logger: Logger) {
            self.client = client
            self.request = request
            self.slices = slices
            self.logger = logger
        }

        mutating func next() async throws -> SourcePage? {
            guard !finished, sliceIndex < slices.count || request.object == "users" && sliceIndex == 0 else {
                return nil
            }
            try Task.checkCancellation()
            if let budget = request.requestBudget, await client.requestsSent >= budget {
                throw QuotaExhausted(
                    "the day's Gong request budget is spent (\(budget) requests left today when the run started); everything read so far is stored and the next run continues"
                )
            }
            let before = await client.requestsSent
            let page: SourcePage
            switch request.object {
            case "users":
                page = try await usersPage()
            default:
                page = try await callsPage()
            }
            var counted = page
            counted.requests = await client.requestsSent - before
            return counted
        }

        private mutating func callsPage() async throws -> SourcePage {
            let slice = slices[sliceIndex]
            let body = try GongRequestBody.calls(window: slice, cursor: cursor, fields: request.fields)
            let outcome = try await client.send(.POST, "/v2/calls/extensive", body: body)
            pageNumber += 1
            let label =
                "calls \(slice.from.map(Instant.preciseText) ?? "start")…\(Instant.preciseText(slice.to)) page \(pageNumber)"
            var records: [Value] = []
            var next: String?
            if case .body(let data) = outcome {
                (records, next) = try GongPage.parse(
                    data, arrayKey: "calls", idField: "metaData.id", fields: request.fields, label: label)
            }
            cursor = next
            var safe: Date?
            if next == nil {
                safe = slice.to
                logger.info(
                    "gong slice read",
                    metadata: [
                        "job.name": "\(request.job)", "slice.to": "\(Instant.preciseText(slice.to))",
                        "slice.pages": "\(pageNumber)", "slice.index": "\(sliceIndex + 1) of \(slices.count)",
                    ]
                )
                sliceIndex += 1
                pageNumber = 0
            }
            return SourcePage(records: records, label: label, safeWatermark: safe)
        }

        private mutating func usersPage() async throws -> SourcePage {
            let outcome = try await client.send(.GET, "/v2/users", query: cursor.map { [("cursor", $0)] } ?? [])
            pageNumber += 1
            let label = "users page \(pageNumber)"
            var records: [Value] = []
            var next: String?
            if case .body(let data) = outcome {
                (records, next) = try GongPage.parse(
                    data, arrayKey: "users", idField: "id", fields: request.fields, label: label)
            }
            cursor = next
            if next == nil { finished = true }
            return SourcePage(records: records, label: label)
        }
    }
}

/// Parses a Gong list page with the JSON pull reader: the records (pruned to the fields) and the next cursor.
enum GongPage {
    /// What to keep of a Gong list page: the records pruned to `fields` (and their id), `records`, `requestId`
    /// and `errors` (for the documented 404 body).
    static func selection(arrayKey: String, fields: [String], idField: String) -> Selection {
        .members([
            arrayKey: Selection(paths: fields + [idField]), "records": .all, "errors": .all, "requestId": .all,
        ])
    }

    /// The records of a parsed page, each checked for its id; nil for Gong's documented "no calls found" body.
    ///
    /// Throws `ConnectorError(.malformedPage)` naming `label` and `requestID` (a live response's, not a saved file's).
    static func records(
        in page: Value, arrayKey: String, idField: String, label: String, requestID: String? = nil
    ) throws -> [Value]? {
        guard case .object = page else {
            throw ConnectorError(.malformedPage, "\(label): a page is a JSON object, found something else")
        }
        guard let items = page[arrayKey] else {
            if let errors = page["errors"]?.array,
                errors.contains(where: { $0.string?.lowercased().hasPrefix("no calls found") == true })
            {
                return nil
            }
            throw ConnectorError(.malformedPage, "\(label): the page has no '\(arrayKey)' array", requestID: requestID)
        }
        guard let array = items.array else {
            throw ConnectorError(.malformedPage, "\(label): '\(arrayKey)' is not an array", requestID: requestID)
        }
        let idPath = idField.split(separator: ".").map(String.init)
        for (index, item) in array.enumerated() {
            var value: Value? = item
            for key in idPath { value = value?[key] }
            guard let id = value?.string, !id.isEmpty else {
                throw ConnectorError(
                    .malformedPage,
                    "\(label): \(arrayKey)[\(index)] has no '\(idField)' string; the page is not a Gong \(arrayKey) page",
                    requestID: requestID
                )
            }
        }
        return array
    }

    /// Parses a response body: the records (pruned to the fields) and the next cursor.
    static func parse(
        _ data: Data, arrayKey: String, idField: String, fields: [FieldPath], label: String
    ) throws -> ([Value], String?) {
        let page: Value
        do {
            page = try JSONPull.parse(
                data, selection: selection(arrayKey: arrayKey, fields: fields.map(\.description), idField: idField))
        } catch {
            throw ConnectorError(
                .malformedPage, "\(label): the response is not valid JSON (\(error)); nothing of it was stored")
        }
        let records =
            try records(
                in: page, arrayKey: arrayKey, idField: idField, label: label, requestID: page["requestId"]?.string)
            ?? []
        return (records, page["records"]?["cursor"]?.string)
    }
}

/// The JSON bodies the connector sends.
enum GongRequestBody {
    /// `POST /v2/calls/extensive`: the window as `filter` (never in the query string, which Gong ignores) and a
    /// `contentSelector` that asks for what the fields use.
    static func calls(window: SyncWindow, cursor: String?, fields: [FieldPath]) throws -> Data {
        var filter: [String: Any] = [
            "toDateTime": Instant.utcText(milliseconds: Int64(window.to.timeIntervalSince1970 * 1000))
        ]
        if let from = window.from {
            filter["fromDateTime"] = Instant.utcText(
                milliseconds: Int64((from.timeIntervalSince1970 * 1000).rounded(.up)))
        }
        let roots = Set(fields.map { $0.segments[0].name })
        let second = { (root: String) in
            Set(fields.filter { $0.segments[0].name == root && $0.segments.count > 1 }.map { $0.segments[1].name })
        }
        var exposed: [String: Any] = ["parties": roots.contains("parties"), "media": roots.contains("media")]
        let contentMembers = [
            "structure", "topics", "trackers", "pointsOfInterest", "brief", "outline", "highlights", "callOutcome",
            "keyPoints",
        ]
        let usedContent = roots.contains("content") ? second("content") : []
        var content: [String: Bool] = [:]
        for member in contentMembers { content[member] = usedContent.isEmpty ? false : usedContent.contains(member) }
        content["trackerOccurrences"] = false
        exposed["content"] = content
        let usedInteraction = second("interaction")
        exposed["interaction"] = [
            "speakers": usedInteraction.contains("speakers"), "video": usedInteraction.contains("video"),
            "personInteractionStats": usedInteraction.contains("interactionStats"),
            "questions": usedInteraction.contains("questions"),
        ]
        exposed["collaboration"] = ["publicComments": roots.contains("collaboration")]
        var selector: [String: Any] = ["exposedFields": exposed]
        if roots.contains("context") {
            selector["context"] = "Extended"
            selector["contextTiming"] = ["Now", "TimeOfCall"]
        }
        var body: [String: Any] = ["filter": filter, "contentSelector": selector]
        if let cursor { body["cursor"] = cursor }
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }
}
