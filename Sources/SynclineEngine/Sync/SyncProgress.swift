import SynclineCore

/// Counters of a run so far, reported after each committed batch.
package struct SyncProgress: Sendable, Hashable {
    /// Pages read.
    package var pages = 0
    /// Records read.
    package var fetched = 0
    /// Records outside the window.
    package var outsideWindow = 0
    /// Rows created.
    package var created = 0
    /// Rows updated (upsert).
    package var updated = 0
    /// Create-only rows whose key existed.
    package var skippedExisting = 0
    /// Records rejected.
    package var rejected = 0
    /// Warnings.
    package var warnings = 0

    /// No progress yet.
    package init() {}

    /// Adds a committed batch.
    mutating func add(_ batch: StagingBatch, _ outcome: BatchOutcome) {
        pages += batch.pages
        fetched += batch.fetched
        outsideWindow += batch.outsideWindow
        created += outcome.created
        updated += outcome.updated
        skippedExisting += outcome.skippedExisting
        rejected += batch.rejections.count
        warnings += batch.warnings
    }
}
