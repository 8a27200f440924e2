package import SynclineCore
import SynclineStore

/// What `preview` shows: the first records of the next sync, each with what the sync would do with it.
package struct SyncPreview: Sendable {
    /// What the next sync would do with one record.
    package enum Decision: Sendable, Hashable {
        /// Insert a new row.
        case create
        /// Nothing: a create-only row whose key is already in the staging database.
        case skipExisting
        /// Update the existing row (upsert).
        case update
        /// Not write it, for this reason.
        case reject(Rejection)
    }

    /// One column of a previewed row.
    package struct Column: Sendable, Hashable {
        /// The attribute (or derived column).
        package var attribute: String
        /// Its value as text; nil for none.
        package var value: String?
        /// Whether a template locks it.
        package var isLocked: Bool
        /// Whether the job leaves it to the project's or the target's default.
        package var isDefault: Bool
    }

    /// One previewed record.
    package struct Item: Sendable {
        /// The record's id in the source.
        package var sourceID: String
        /// What the sync would do.
        package var decision: Decision
        /// Each column's value, in the row's order; empty for a rejected record.
        package var values: [Column]
        /// The record's selected fields as the connector returned them, as JSON (`--raw`).
        package var raw: String
    }

    /// The window the next sync would read (`from` nil: new and changed files whole, or no cursor).
    package var window: SyncWindow
    /// The first records, in source order.
    package var items: [Item]
    /// Records read to find them.
    package var scanned: Int
    /// Records read but outside the window.
    package var outsideWindow: Int
    /// HTTP requests made (counted against the day's budget like a sync's).
    package var requests: Int

    /// How many items got each kind of decision: create, skip, update, reject.
    package var counts: (create: Int, skip: Int, update: Int, reject: Int) {
        items.reduce(into: (0, 0, 0, 0)) { counts, item in
            switch item.decision {
            case .create: counts.0 += 1
            case .skipExisting: counts.1 += 1
            case .update: counts.2 += 1
            case .reject: counts.3 += 1
            }
        }
    }
}

extension SyncEngine {
    /// Previews the next sync of applied job `job`; see `preview(plan:limit:)`.
    package func preview(job: String, limit: Int) async throws -> SyncPreview {
        try await preview(prepare(job: job, since: nil), limit: limit)
    }

    /// Maps the first `limit` records the next sync of `plan` would read, deciding for each whether it would be
    /// created, skipped (its key exists), updated or rejected. The plan need not be applied: a job file compiled
    /// in memory previews the same way, against the job's state if it has one.
    ///
    /// Writes nothing but the day's request count, in one transaction at the end (requests made count against
    /// the budget like a sync's).
    package func preview(plan: Plan, limit: Int) async throws -> SyncPreview {
        try await preview(prepare(plan: plan, version: 0, since: nil), limit: limit)
    }

    private func preview(_ prepared: Prepared, limit: Int) async throws -> SyncPreview {
        var preview = SyncPreview(window: prepared.window, items: [], scanned: 0, outsideWindow: 0, requests: 0)
        let locked = Set(prepared.plan.attributes.filter(\.isLocked).map(\.name))
        let defaulted = Set(prepared.plan.attributes.filter(\.isDefault).map(\.name))
        let layout = prepared.mapper.layout
        var rows: [(index: Int, key: String)] = []
        do {
            pages: for try await page in prepared.source.pages(prepared.request) {
                preview.requests += page.requests
                for record in page.records {
                    preview.scanned += 1
                    let raw = record.jsonText(indented: true)
                    let sourceID = prepared.mapper.sourceID(of: record)
                    switch prepared.mapper.map(record, window: prepared.window) {
                    case .row(let row, _):
                        let values = zip(layout.columns, row.cells).map { column, cell in
                            SyncPreview.Column(
                                attribute: column, value: cell.displayText, isLocked: locked.contains(column),
                                isDefault: defaulted.contains(column))
                        }
                        rows.append((preview.items.count, row.key))
                        preview.items.append(.init(sourceID: sourceID, decision: .create, values: values, raw: raw))
                    case .rejected(let rejection):
                        preview.items.append(
                            .init(sourceID: sourceID, decision: .reject(rejection), values: [], raw: raw))
                    case .outsideWindow:
                        preview.outsideWindow += 1
                    }
                    if preview.items.count >= limit { break pages }
                }
            }
        } catch {
            try store.countRequests(preview.requests, for: prepared.requestCounter, now: now())
            throw error
        }
        try store.countRequests(preview.requests, for: prepared.requestCounter, now: now())
        let existing = try store.existingKeys(rows.map(\.key), in: layout)
        for (index, key) in rows where existing.contains(key) {
            preview.items[index].decision = layout.mode == .createOnly ? .skipExisting : .update
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
