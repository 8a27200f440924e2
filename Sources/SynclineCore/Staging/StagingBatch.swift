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
    /// Rows of records rejected earlier and read again (reference data has changed since).
    package var retryRows: [StagingRow] = []
    /// Source ids of records rejected earlier that are written now (or whose key exists): no longer rejected.
    package var resolvedRetries: [String] = []
    /// Records rejected earlier that were read again.
    package var retried = 0
    /// How much of the run's reading is done once this batch is stored (0–1), when the source tells.
    package var progress: Double?
    /// Ids of records asked for again that the source no longer returned: tried under this run's reference data,
    /// they are not asked for again until it changes.
    package var unfoundRetries: [String] = []

    /// An empty batch.
    package init() {}

    /// Whether there is nothing to write but counters.
    package var hasRows: Bool {
        !rows.isEmpty || !retryRows.isEmpty || !rejections.isEmpty || !consumedFiles.isEmpty
    }
}

/// What writing a batch did.
package struct BatchOutcome: Sendable, Hashable {
    /// Rows inserted.
    package var created = 0
    /// Rows updated (upsert).
    package var updated = 0
    /// Rows whose key existed and that were left as they were (create-only, or an upsert that changed nothing).
    package var skippedExisting = 0
    /// Rows of records rejected earlier that were created now.
    package var retriedCreated = 0

    /// Creates an outcome.
    package init(created: Int = 0, updated: Int = 0, skippedExisting: Int = 0, retriedCreated: Int = 0) {
        self.created = created
        self.updated = updated
        self.skippedExisting = skippedExisting
        self.retriedCreated = retriedCreated
    }
}
