package import Foundation

/// One value of a staging row.
package enum Cell: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)

    /// The text, when this is text.
    package var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// Which table and columns a job writes, and how.
package struct StagingLayout: Sendable, Hashable {
    /// The target object (`touchpoint`).
    package var target: String
    /// Create-only or upsert.
    package var mode: WriteMode
    /// The columns of each row, in order: the plan's attributes, then derived columns (`account_resolution`).
    package var columns: [String]
    /// The key column.
    package var key: String

    /// Creates a layout.
    package init(target: String, mode: WriteMode, columns: [String], key: String) {
        self.target = target
        self.mode = mode
        self.columns = columns
        self.key = key
    }
}

/// One mapped record, ready to write.
package struct StagingRow: Sendable, Hashable {
    /// The key value.
    package var key: String
    /// One cell per layout column.
    package var cells: [Cell]

    /// Creates a row.
    package init(key: String, cells: [Cell]) {
        self.key = key
        self.cells = cells
    }
}

/// A record that was not written, and why.
package struct Rejection: Sendable, Hashable {
    /// The record's id in the source.
    package var sourceID: String
    /// A stable kebab-case reason (`no-recognised-participant`).
    package var code: String
    /// What was wrong, for analysts.
    package var reason: String
    /// The record's cursor value (UTC), when it has one.
    package var recordDate: String?

    /// Creates a rejection.
    package init(sourceID: String, code: String, reason: String, recordDate: String?) {
        self.sourceID = sourceID
        self.code = code
        self.reason = reason
        self.recordDate = recordDate
    }
}

/// What one batch of pages yields: its rows, rejections, counters and the state to commit with them.
///
/// The store writes a batch in one transaction: the rows, the run's counters and the job's state together.
package struct StagingBatch: Sendable {
    /// Mapped rows.
    package var rows: [StagingRow] = []
    /// Records not written.
    package var rejections: [Rejection] = []
    /// Files consumed whole with this batch.
    package var consumedFiles: [FileMark] = []
    /// Pages read.
    package var pages = 0
    /// Records read.
    package var fetched = 0
    /// Records read but outside the window.
    package var outsideWindow = 0
    /// Warnings (an unknown host, a tie between accounts).
    package var warnings = 0
    /// HTTP requests made.
    package var requests = 0
    /// A watermark that is safe once this batch is stored.
    package var safeWatermark: Date?

    /// An empty batch.
    package init() {}

    /// Whether there is nothing to write but counters.
    package var hasRows: Bool { !rows.isEmpty || !rejections.isEmpty || !consumedFiles.isEmpty }
}

/// What writing a batch did.
package struct BatchOutcome: Sendable, Hashable {
    /// Rows inserted.
    package var created = 0
    /// Rows updated (upsert).
    package var updated = 0
    /// Create-only rows whose key existed.
    package var skippedExisting = 0

    /// Creates an outcome.
    package init(created: Int = 0, updated: Int = 0, skippedExisting: Int = 0) {
        self.created = created
        self.updated = updated
        self.skippedExisting = skippedExisting
    }
}
