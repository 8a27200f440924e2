import Foundation
import Logging
import NIOHTTP1
import SynclineCore

/// Reads one Gong API v2 list: calls through `POST /v2/calls/extensive`, or users through `GET /v2/users`.
///
/// Long windows are walked oldest first in slices (Gong caps one request's date range); each slice's last page
/// carries a safe watermark, so the slices already stored survive a failure or a spent quota. Calls rejected
/// earlier and worth retrying are fetched first, by id (`filter.callIds`), in batches. The request body asks
/// only for the blocks the plan's fields use.
struct GongSource: Source {
    let client: GongClient
    let endpoint: GongEndpoint
    let sliceLength: TimeInterval
    let retryBatchSize: Int
    let logger: Logger

    func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> {
        GongPages(source: self, request: request)
    }
}

/// The pages of one request: retries by id first, then the slices in order, each followed cursor by cursor.
struct GongPages: AsyncSequence {
    typealias Element = SourcePage
    typealias Failure = any Error

    let source: GongSource
    let request: ExtractRequest

    func makeAsyncIterator() -> Iterator {
        var steps: [Step] = []
        if source.endpoint == .calls, let ids = request.retry?.ids, !ids.isEmpty {
            steps += stride(from: 0, to: ids.count, by: source.retryBatchSize).map { start in
                .retry(Array(ids[start..<Swift.min(start + source.retryBatchSize, ids.count)]))
            }
        }
        switch source.endpoint {
        case .calls: steps += Self.slices(of: request.window, length: source.sliceLength).map(Step.slice)
        case .users: steps.append(.users)
        }
        return Iterator(source: source, request: request, steps: steps)
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

    /// One list walked cursor by cursor.
    enum Step: Sendable {
        /// Calls by id, whatever their dates.
        case retry([String])
        /// Calls that started in a slice of the window.
        case slice(SyncWindow)
        /// Every user.
        case users
    }

    struct Iterator: AsyncIteratorProtocol {
        let source: GongSource
        let request: ExtractRequest
        let steps: [Step]
        var stepIndex = 0
        var cursor: String?
        var pageNumber = 0

        init(source: GongSource, request: ExtractRequest, steps: [Step]) {
            self.source = source
            self.request = request
            self.steps = steps
        }

        mutating func next() async throws -> SourcePage? {
            guard stepIndex < steps.count else { return nil }
            try Task.checkCancellation()
            let client = source.client
            if let budget = request.requestBudget, await client.requestsSent >= budget {
                throw QuotaExhausted(
                    "the day's Gong request budget is spent (\(budget) requests left today when the run started); everything read so far is stored and the next run continues"
                )
            }
            let before = await client.requestsSent
            let step = steps[stepIndex]
            let outcome: GongClient.Outcome
            let label: String
            pageNumber += 1
            switch step {
            case .users:
                outcome = try await client.send(.GET, "/v2/users", query: cursor.map { [("cursor", $0)] } ?? [])
                label = "users page \(pageNumber)"
            case .retry(let ids):
                let body = GongCallsRequest(
                    filter: .init(callIds: ids), cursor: cursor, fields: request.fields)
                outcome = try await client.send(.POST, "/v2/calls/extensive", body: try body.encoded())
                label = "calls rejected earlier (\(ids.count) ids) page \(pageNumber)"
            case .slice(let slice):
                let body = GongCallsRequest(
                    filter: .init(window: slice), cursor: cursor, fields: request.fields)
                outcome = try await client.send(.POST, "/v2/calls/extensive", body: try body.encoded())
                label =
                    "calls \(slice.from.map(Instant.preciseText) ?? "start")…\(Instant.preciseText(slice.to)) page \(pageNumber)"
            }
            var records: [Value] = []
            var next: String?
            if case .body(let data) = outcome {
                (records, next) = try GongPage.parse(
                    data, endpoint: source.endpoint, fields: request.fields, label: label)
            }
            cursor = next
            var page = SourcePage(records: records, label: label)
            if case .retry = step { page.isRetry = true }
            if next == nil {
                if case .slice(let slice) = step {
                    page.safeWatermark = slice.to
                    source.logger.info(
                        "gong slice read",
                        metadata: [
                            "job.name": "\(request.job)", "slice.to": "\(Instant.preciseText(slice.to))",
                            "slice.pages": "\(pageNumber)", "slice.index": "\(stepIndex + 1) of \(steps.count)",
                        ]
                    )
                }
                stepIndex += 1
                pageNumber = 0
            }
            page.requests = await client.requestsSent - before
            page.progress = Double(stepIndex) / Double(Swift.max(steps.count, 1))
            return page
        }
    }
}

extension GongCallsRequest.Filter {
    /// The window as Gong's filter: `fromDateTime` rounded up and `toDateTime` down to whole milliseconds.
    init(window: SyncWindow) {
        toDateTime = Instant.utcText(milliseconds: Int64(window.to.timeIntervalSince1970 * 1000))
        fromDateTime = window.from.map { from in
            Instant.utcText(milliseconds: Int64((from.timeIntervalSince1970 * 1000).rounded(.up)))
        }
    }

}

extension GongCallsRequest {
    /// A request for `filter`, asking only for the blocks `fields` use.
    init(filter: Filter, cursor: String?, fields: [FieldPath]) {
        self.filter = filter
        self.cursor = cursor
        let roots = Set(fields.map { $0.segments[0].name })
        func members(under root: String) -> Set<String> {
            Set(fields.filter { $0.segments[0].name == root && $0.segments.count > 1 }.map { $0.segments[1].name })
        }
        let content = members(under: "content")
        let interaction = members(under: "interaction")
        contentSelector = ContentSelector(
            context: roots.contains("context") ? "Extended" : nil,
            contextTiming: roots.contains("context") ? ["Now", "TimeOfCall"] : nil,
            exposedFields: ExposedFields(
                parties: roots.contains("parties"), media: roots.contains("media"),
                content: Content(
                    structure: content.contains("structure"), topics: content.contains("topics"),
                    trackers: content.contains("trackers"), pointsOfInterest: content.contains("pointsOfInterest"),
                    brief: content.contains("brief"), outline: content.contains("outline"),
                    highlights: content.contains("highlights"), callOutcome: content.contains("callOutcome"),
                    keyPoints: content.contains("keyPoints")),
                interaction: Interaction(
                    speakers: interaction.contains("speakers"), video: interaction.contains("video"),
                    personInteractionStats: interaction.contains("interactionStats"),
                    questions: interaction.contains("questions")),
                collaboration: Collaboration(publicComments: roots.contains("collaboration"))
            )
        )
    }

    /// The JSON body, keys sorted.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
