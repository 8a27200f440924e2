package import Foundation

/// Something a plan reads from: a connector's object, streamed page by page.
///
/// The engine reaches connectors only through this protocol; the executable wires the real ones. A source never
/// holds a whole sync in memory: it yields one page at a time and reads the next only when asked.
package protocol Source: Sendable {
    /// The pages of records for `request`, in the source's order (oldest first where it can order them).
    ///
    /// Iterating may throw the connector's error; cancellation is checked between pages.
    func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error>
}

/// What a run asks a source for.
package struct ExtractRequest: Sendable {
    /// The job's name, for log metadata.
    package var job: String
    /// Source options with `${VAR}` resolved (`path` for files).
    package var options: [String: String]
    /// The source paths the plan reads, cursor and id included.
    package var fields: [FieldPath]
    /// The window: records whose cursor is in [from, to). `from` nil reads from the beginning.
    package var window: SyncWindow
    /// Files consumed whole by earlier runs (file sources skip them unless changed).
    package var consumedFiles: Set<FileMark>
    /// HTTP requests the source may still make today (UTC) under the connection's daily budget; nil: no budget.
    package var requestBudget: Int?
    /// Records rejected by earlier runs to read again first, whatever the window (reference data has changed).
    package var retry: RetryRequest?

    /// Creates a request.
    package init(
        job: String, options: [String: String], fields: [FieldPath], window: SyncWindow,
        consumedFiles: Set<FileMark> = [], requestBudget: Int? = nil, retry: RetryRequest? = nil
    ) {
        self.job = job
        self.options = options
        self.fields = fields
        self.window = window
        self.consumedFiles = consumedFiles
        self.requestBudget = requestBudget
        self.retry = retry
    }
}

/// Records an earlier run rejected, to be read again: by id (APIs that fetch by id) or through the files that
/// held them (file sources).
package struct RetryRequest: Sendable, Hashable {
    /// The records' ids in the source.
    package var ids: [String]
    /// The files that held them, relative to the glob's root (file sources).
    package var files: [String]

    /// Creates a retry request.
    package init(ids: [String], files: [String] = []) {
        self.ids = ids
        self.files = files
    }
}

/// A run's window on the cursor: [from, to), UTC instants.
package struct SyncWindow: Sendable, Hashable {
    /// Inclusive lower bound; nil for no bound.
    package var from: Date?
    /// Exclusive upper bound: the run's start.
    package var to: Date

    /// Creates a window.
    package init(from: Date?, to: Date) {
        self.from = from
        self.to = to
    }
}

/// One page of records and what finishing it means for the job's state.
package struct SourcePage: Sendable {
    /// The records, each pruned to the fields the plan reads.
    package var records: [Value]
    /// Where the page came from, for messages (`base/page_000003.json`, `page 4`).
    package var label: String
    /// The file the page was read from, for file sources.
    package var file: FileMark?
    /// Whether this is the file's last page: once stored, the file counts as consumed.
    package var endsFile: Bool
    /// An instant such that every record with a cursor before it has now been delivered (ordered sources).
    package var safeWatermark: Date?
    /// HTTP requests made to produce the page (for daily quotas).
    package var requests: Int
    /// Whether the page answers the request's `retry` (read again for earlier rejections, outside the window).
    package var isRetry: Bool
    /// How much of the request is read once this page is (0–1), when the source can tell (files read of all,
    /// slices of the window); nil otherwise.
    package var progress: Double?
    /// Problems the source met reading the page that did not stop it (a person's refused preferences), counted
    /// with the run's warnings; the source logs what each was.
    package var warnings = 0

    /// Creates a page.
    package init(
        records: [Value], label: String, file: FileMark? = nil, endsFile: Bool = false, safeWatermark: Date? = nil,
        requests: Int = 0, isRetry: Bool = false
    ) {
        self.records = records
        self.label = label
        self.file = file
        self.endsFile = endsFile
        self.safeWatermark = safeWatermark
        self.requests = requests
        self.isRetry = isRetry
    }
}

/// A file as a drop folder sees it: its path relative to the glob's root, size and modification time.
package struct FileMark: Sendable, Hashable, Codable {
    /// Path relative to the glob's root (`base/page_000001.json`).
    package var path: String
    /// Size in bytes.
    package var size: Int64
    /// Modification time, whole milliseconds.
    package var modifiedAt: Date

    /// Creates a mark; the time is truncated to whole milliseconds so it survives storage.
    package init(path: String, size: Int64, modifiedAt: Date) {
        self.path = path
        self.size = size
        self.modifiedAt = Date(timeIntervalSince1970: (modifiedAt.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}

/// Thrown by a source that stops because the day's request budget is spent. Everything read before it is stored;
/// the run ends as `quota` and the next run continues from the last safe watermark.
package struct QuotaExhausted: Error, Sendable, CustomStringConvertible {
    /// What the user reads.
    package var description: String

    /// Creates the error.
    package init(_ description: String) {
        self.description = description
    }
}
