package import SynclineCore

/// What `preview` shows: the first records of the next sync, mapped, with nothing written.
package struct SyncPreview: Sendable {
    /// One previewed record.
    package enum Item: Sendable {
        /// A row that would be written: each attribute's value, and whether it is locked.
        case row(sourceID: String, values: [(attribute: String, value: String?, isLocked: Bool)])
        /// A record that would be rejected, and why.
        case rejected(Rejection)
    }

    /// The window the next sync would read.
    package var window: SyncWindow
    /// The first records, in source order.
    package var items: [Item]
    /// Records read to find them.
    package var scanned: Int
    /// Records read but outside the window.
    package var outsideWindow: Int
}

extension SyncEngine {
    /// Maps the first `limit` records the next sync of `job` would write or reject; writes nothing, not even a run.
    package func preview(job: String, limit: Int) async throws -> SyncPreview {
        let prepared = try prepare(job: job, since: nil)
        var preview = SyncPreview(window: prepared.window, items: [], scanned: 0, outsideWindow: 0)
        let locked = Set(prepared.plan.attributes.filter(\.isLocked).map(\.name))
        pages: for try await page in prepared.source.pages(prepared.request) {
            for record in page.records {
                preview.scanned += 1
                switch prepared.mapper.map(record, window: prepared.window) {
                case .row(let row, _):
                    let values = zip(prepared.mapper.layout.columns, row.cells).map { column, cell in
                        (attribute: column, value: cell.displayText, isLocked: locked.contains(column))
                    }
                    preview.items.append(.row(sourceID: prepared.mapper.sourceID(of: record), values: values))
                case .rejected(let rejection):
                    preview.items.append(.rejected(rejection))
                case .outsideWindow:
                    preview.outsideWindow += 1
                }
                if preview.items.count >= limit { break pages }
            }
        }
        return preview
    }
}

extension Cell {
    /// The cell as text, nil for null.
    fileprivate var displayText: String? {
        switch self {
        case .null: nil
        case .text(let text): text
        case .integer(let number): String(number)
        }
    }
}
