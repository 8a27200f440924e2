import Foundation
import Synchronization
package import SynclineCore

/// A `Source` over pages held in memory, recording what each run asked for. A real conformance, not a mock:
/// it pages, honours cancellation and can fail at a chosen page like a broken connector.
package final class InMemorySource: Source {
    private struct State {
        var pages: [[Value]] = []
        var failAtPage: Int?
        var exhaustAfterPage: Int?
        var warnings: [Int: Int] = [:]
        var requests: [ExtractRequest] = []
    }

    private let state = Mutex(State())

    /// A source serving `pages` in order.
    package init(pages: [[Value]] = []) {
        state.withLock { $0.pages = pages }
    }

    /// Replaces the pages served from now on.
    package func serve(_ pages: [[Value]]) {
        state.withLock { $0.pages = pages }
    }

    /// Makes the page at `index` (0-based) throw instead of being served; nil serves all.
    package func fail(atPage index: Int?) {
        state.withLock { $0.failAtPage = index }
    }

    /// Makes the source stop after the page at `index` as a spent daily request budget does; nil serves all.
    package func exhaust(afterPage index: Int?) {
        state.withLock { $0.exhaustAfterPage = index }
    }

    /// Makes the page at `index` (0-based) carry `count` source warnings, as a connector reports problems that
    /// did not stop it.
    package func warn(atPage index: Int, count: Int) {
        state.withLock { $0.warnings[index] = count }
    }

    /// Every request made so far.
    package var requests: [ExtractRequest] { state.withLock { $0.requests } }

    /// The error a failing page throws.
    package struct PageError: Error, CustomStringConvertible {
        /// The failing page's index.
        package var page: Int
        /// What the user reads.
        package var description: String { "malformed-page: page \(page + 1) is not valid JSON" }
    }

    package func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> {
        let (pages, failAt, exhaustAfter, warnings) = state.withLock { state in
            state.requests.append(request)
            return (state.pages, state.failAtPage, state.exhaustAfterPage, state.warnings)
        }
        return AsyncThrowingStream<SourcePage, any Error> { continuation in
            // Records rejected earlier are read again first, as a file source re-reads the files holding them:
            // every page, marked as a retry (the engine keeps the records asked for).
            if request.retry != nil {
                for (index, records) in pages.enumerated() {
                    continuation.yield(SourcePage(records: records, label: "retry page \(index + 1)", isRetry: true))
                }
            }
            for (index, records) in pages.enumerated() {
                if index == failAt {
                    continuation.finish(throwing: PageError(page: index))
                    return
                }
                var page = SourcePage(records: records, label: "page \(index + 1)")
                page.warnings = warnings[index] ?? 0
                continuation.yield(page)
                if index == exhaustAfter {
                    continuation.finish(throwing: QuotaExhausted("the day's request budget is spent"))
                    return
                }
            }
            continuation.finish()
        }
    }
}
