import AsyncAlgorithms
package import Foundation
package import Logging
package import SynclineCore
package import SynclineStore

/// Runs plans: extract pages from the source, map them, and load them into the staging database.
///
/// Two tasks share the work: one reads and maps pages (parsing is the expensive part), the other is the single
/// SQLite writer. A bounded channel between them holds at most one batch in flight, so memory stays flat
/// whatever the volume. Each batch's rows, the run's counters and the job's state commit in one transaction; the
/// watermark moves to the window's end only when the whole window is stored.
package struct SyncEngine: Sendable {
    /// How a run finds its source: the executable's connector registry, given the plan and its resolved connection.
    package typealias SourceFactory = @Sendable (_ plan: Plan, _ connection: ResolvedConnection?) throws -> any Source

    /// The staging database.
    package var store: StagingStore
    /// Builds the plan's source (wired by the executable: the real connectors).
    package var makeSource: SourceFactory
    /// The environment `${VAR}` references resolve against.
    package var environment: [String: String]
    /// The clock; the engine never reads the time otherwise.
    package var now: @Sendable () -> Date
    /// Records per committed batch.
    package var batchSize: Int
    /// Child tasks mapping pages at once (the writer takes a core of its own).
    package var mappingTasks = 2
    /// Records rejected for want of reference data that one run tries again, at most, once that data has changed.
    package var retryLimit = 1_000
    /// Where log lines go; never payloads or secrets.
    package var logger: Logger
    /// This process, for the job's lease.
    package var processID: Int32
    /// This machine, for the job's lease.
    package var host: String
    /// Whether a lease holder is still alive (a killed process is not).
    package var isAlive: @Sendable (_ pid: Int32, _ host: String, _ heartbeat: Date) -> Bool
    /// How often a running sync marks its run alive between commits (a slow source may commit rarely).
    package var heartbeatInterval: Duration = .seconds(10)
    /// The clock heartbeats wait on (an instant one in tests).
    package var clock: any Clock<Duration> = ContinuousClock()

    /// Creates an engine.
    package init(
        store: StagingStore, makeSource: @escaping SourceFactory, environment: [String: String],
        now: @escaping @Sendable () -> Date, batchSize: Int = 1_000, logger: Logger, processID: Int32, host: String,
        isAlive: @escaping @Sendable (_ pid: Int32, _ host: String, _ heartbeat: Date) -> Bool
    ) {
        self.store = store
        self.makeSource = makeSource
        self.environment = environment
        self.now = now
        self.batchSize = batchSize
        self.logger = logger
        self.processID = processID
        self.host = host
        self.isAlive = isAlive
    }

    /// Everything a run needs before it starts reading.
    struct Prepared {
        var requestCounter: String?
        var plan: Plan
        var version: Int
        var window: SyncWindow
        var request: ExtractRequest
        var source: any Source
        var mapper: RecordMapper
        /// Ids of the records rejected earlier that the request asks for again.
        var retryIDs: Set<String>
    }

    /// Loads `job`'s current plan from the store and prepares a run of it.
    func prepare(job: String, since: Date?, retrying: Bool = false) throws -> Prepared {
        guard let stored = try store.plan(for: job) else {
            throw EngineError("no job '\(job)' in \(store.path); apply it first: syncline apply jobs/\(job).yaml")
        }
        return try prepare(plan: stored.plan, version: stored.version, since: since, retrying: retrying)
    }

    /// Loads the job's state and computes the window: the last `initial_backfill` on the first run, from the
    /// watermark minus `lookback` later (or, for sources that find new data by file, no lower bound at all: new
    /// and changed files are read whole), from `since` when given; always up to now.
    ///
    /// `retrying` asks the source first for the records rejected for want of reference data that has changed
    /// since (at most `retryLimit`).
    func prepare(plan: Plan, version: Int, since: Date?, retrying: Bool = false) throws -> Prepared {
        let job = plan.job
        var options: [String: String] = [:]
        for (name, value) in plan.source.options {
            do {
                options[name] = try Interpolation.resolve(value, environment: environment)
            } catch {
                throw EngineError("job '\(job)', source \(name): \(error)")
            }
        }
        guard let descriptor = TargetDescriptor.named(plan.target.object) else {
            throw EngineError("job '\(job)' writes '\(plan.target.object)', which this build does not know")
        }
        let state = try store.jobState(of: job)
        let start = now()
        var from: Date?
        if plan.sync.cursor != nil {
            if let since {
                from = since
            } else if let watermark = state.watermark {
                // New and changed files are what "after the last sync" means for a drop folder: read them whole.
                from =
                    plan.source.increments == .newFiles
                    ? nil : watermark.addingTimeInterval(-Self.seconds(plan.sync.lookback))
            } else {
                from = start.addingTimeInterval(-Self.seconds(plan.sync.initialBackfill))
            }
        }
        let window = SyncWindow(from: from, to: start)
        var fields = plan.source.fields.map(\.path)
        if let cursor = plan.sync.cursor { fields.append(cursor) }
        if let id = plan.source.idField { fields.append(id) }
        let connection = try plan.connection.map { try ResolvedConnection(resolving: $0, environment: environment) }
        var budget: Int?
        if let connection, let limit = connection.dailyRequestBudget {
            budget = max(0, limit - (try store.requestCount(for: connection.requestCounterKey, on: start)))
        }
        var request = ExtractRequest(
            job: job, options: options, fields: fields, window: window,
            consumedFiles: since == nil ? state.consumedFiles : [], requestBudget: budget
        )
        let reference = try store.referenceData()
        var retryIDs: Set<String> = []
        if retrying, plan.source.idField != nil {
            let candidates = try store.retryCandidates(of: job, before: reference.version, limit: retryLimit)
            if !candidates.isEmpty {
                retryIDs = Set(candidates.map(\.sourceID))
                request.retry = RetryRequest(
                    ids: candidates.map(\.sourceID), files: Array(Set(candidates.compactMap(\.sourceFile))).sorted())
            }
        }
        let mapper = try RecordMapper(plan: plan, descriptor: descriptor, reference: reference)
        return Prepared(
            requestCounter: connection?.requestCounterKey, plan: plan, version: version, window: window,
            request: request, source: try makeSource(plan, connection), mapper: mapper, retryIDs: retryIDs
        )
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// Syncs `job` once and returns its run record. `since` reprocesses from that instant (create-only makes it
    /// harmless) and re-reads consumed files.
    ///
    /// Throws the source's, the store's or the engine's error after recording the run as failed; everything
    /// committed before the failure stays, and the watermark stays where it was.
    ///
    /// Cancelling the task stops the run gracefully: reading stops between pages, the batch being written commits,
    /// and the run is recorded `cancelled` (and returned, not thrown); the watermark stays where it was.
    package func sync(
        job: String, since: Date? = nil, trigger: RunTrigger = .manual, attempt: Int = 1,
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> RunRecord {
        let prepared = try prepare(job: job, since: since, retrying: true)
        let run = try store.beginRun(
            job: job, planVersion: prepared.version, window: prepared.window, layout: prepared.mapper.layout,
            requestCounter: prepared.requestCounter, referenceVersion: prepared.mapper.referenceVersion,
            trigger: trigger, attempt: attempt, now: now(), pid: processID, host: host, isAlive: isAlive
        )
        var logger = self.logger
        logger[metadataKey: "job.name"] = "\(job)"
        logger[metadataKey: "run.id"] = "\(run.runID)"
        logger.info(
            "sync started",
            metadata: [
                "window.from": "\(prepared.window.from.map(Instant.preciseText) ?? "beginning")",
                "window.to": "\(Instant.preciseText(prepared.window.to))",
                "retry.records": "\(prepared.retryIDs.count)",
            ]
        )
        do {
            try await withHeartbeat(of: run) { try await pump(prepared, run: run, progress: progress) }
            try store.finishRun(
                run, status: .succeeded, error: nil, advancingWatermarkTo: prepared.window.to, now: now())
            logger.info("sync succeeded")
        } catch let quota as QuotaExhausted {
            // A clean stop: what was read is stored, safe watermarks are committed, the next run continues.
            try store.finishRun(run, status: .quota, error: quota.description, advancingWatermarkTo: nil, now: now())
            logger.info("sync stopped by the daily request budget")
        } catch  where Task.isCancelled || error is CancellationError {
            let message =
                "stopped on request (SIGTERM or Ctrl-C): what was committed stays, the next run picks up from the watermark"
            try store.finishRun(run, status: .cancelled, error: message, advancingWatermarkTo: nil, now: now())
            logger.info("sync cancelled")
        } catch {
            let message = "\(error)"
            do {
                try store.finishRun(run, status: .failed, error: message, advancingWatermarkTo: nil, now: now())
            } catch {
                logger.info("cannot record the failed run", metadata: ["error": "\(error)"])
            }
            logger.info("sync failed", metadata: ["error": "\(message)"])
            throw error
        }
        guard let record = try store.run(run.runID) else { throw EngineError("run \(run.runID) vanished") }
        return record
    }

    /// Runs `body` while a child task marks `run` alive every `heartbeatInterval`, so a sync waiting on a slow
    /// source (rate limits, retries) keeps its lease; a failed heartbeat is logged, never fatal.
    private func withHeartbeat(of run: RunHandle, _ body: @Sendable @escaping () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask { [store, clock, heartbeatInterval, now, logger] in
                while true {
                    try await clock.sleep(for: heartbeatInterval)
                    do {
                        try store.heartbeat(run, now: now())
                    } catch {
                        logger.info("cannot record the run's heartbeat", metadata: ["error": "\(error)"])
                    }
                }
            }
            // The first to finish is the body (the heartbeat never ends by itself): then stop the heartbeat.
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Reads, maps and writes until the source ends; the reader and the writer run concurrently.
    private func pump(
        _ prepared: Prepared, run: RunHandle, progress: @escaping @Sendable (SyncProgress) -> Void
    ) async throws {
        let channel = AsyncThrowingChannel<StagingBatch, any Error>()
        let batchSize = self.batchSize
        let mappers = max(1, min(mappingTasks, 4))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var batch = StagingBatch()
                var fileHasLateRecords = false
                var retriesUnseen = prepared.retryIDs
                var retriesSettled = prepared.retryIDs.isEmpty
                /// Records asked for again that the source did not return are settled with the first page after
                /// the retry pages (or the end): they are not asked for again until reference data changes.
                func settleRetries() {
                    guard !retriesSettled else { return }
                    retriesSettled = true
                    batch.unfoundRetries += retriesUnseen.sorted()
                }
                /// Adds a mapped page to the batch, in source order, and hands full batches to the writer.
                func absorb(_ mapped: MappedPage) async {
                    if mapped.isRetry {
                        retriesUnseen.subtract(mapped.retriedIDs)
                        batch.retryRows += mapped.rows
                        batch.resolvedRetries += mapped.resolvedIDs
                        batch.retried += mapped.retriedIDs.count
                    } else {
                        settleRetries()
                        batch.rows += mapped.rows
                    }
                    batch.pages += 1
                    batch.requests += mapped.requests
                    batch.fetched += mapped.fetched
                    batch.rejections += mapped.rejections
                    batch.outsideWindow += mapped.outsideWindow
                    batch.warnings += mapped.warnings
                    if mapped.hasLateRecords { fileHasLateRecords = true }
                    if mapped.endsFile {
                        // A file with records past the window's end is read again next time.
                        if let file = mapped.file, !fileHasLateRecords { batch.consumedFiles.append(file) }
                        fileHasLateRecords = false
                    }
                    if let safe = mapped.safeWatermark { batch.safeWatermark = safe }
                    if let progress = mapped.progress { batch.progress = progress }
                    let size = batch.rows.count + batch.retryRows.count + batch.rejections.count
                    if size >= batchSize || mapped.safeWatermark != nil {
                        await channel.send(batch)
                        batch = StagingBatch()
                    }
                }
                do {
                    // Pages are read in order (parsing happens there); mapping fans out to a few child tasks, and
                    // mapped pages are absorbed back in source order.
                    try await withThrowingTaskGroup(of: (Int, MappedPage).self) { workers in
                        var iterator = prepared.source.pages(prepared.request).makeAsyncIterator()
                        var started = 0
                        var absorbed = 0
                        var ready: [Int: MappedPage] = [:]
                        var exhausted = false
                        var failure: (any Error)?
                        while true {
                            while !exhausted, started - absorbed < mappers {
                                do {
                                    try Task.checkCancellation()
                                    guard let page = try await iterator.next() else {
                                        exhausted = true
                                        break
                                    }
                                    let index = started
                                    started += 1
                                    workers.addTask {
                                        let mapped = MappedPage(
                                            page, mapper: prepared.mapper, window: prepared.window,
                                            retryIDs: prepared.retryIDs)
                                        return (index, mapped)
                                    }
                                } catch {
                                    failure = error
                                    exhausted = true
                                }
                            }
                            guard absorbed < started, let (index, mapped) = try await workers.next() else { break }
                            ready[index] = mapped
                            while let next = ready.removeValue(forKey: absorbed) {
                                await absorb(next)
                                absorbed += 1
                            }
                        }
                        if let failure { throw failure }
                    }
                    settleRetries()
                    await channel.send(batch)
                    channel.finish()
                } catch {
                    // Pages read before the failure are valid: store them, then fail the run.
                    if batch.pages > 0 { await channel.send(batch) }
                    channel.fail(error)
                }
            }
            var total = SyncProgress()
            for try await batch in channel {
                let outcome = try store.commit(batch, for: run, now: now())
                total.add(batch, outcome)
                progress(total)
            }
            try await group.waitForAll()
        }
    }
}

/// One page mapped: what it adds to a batch.
struct MappedPage: Sendable {
    var rows: [StagingRow] = []
    var rejections: [Rejection] = []
    var outsideWindow = 0
    var warnings = 0
    var hasLateRecords = false
    var fetched = 0
    var requests: Int
    var file: FileMark?
    var endsFile: Bool
    var safeWatermark: Date?
    /// Whether the page answers a retry of earlier rejections.
    var isRetry: Bool
    /// The source's progress once the page is read.
    var progress: Double?
    /// For a retry page: the ids asked for that it held.
    var retriedIDs: [String] = []
    /// For a retry page: the ids of those that now map to a row (no longer rejected).
    var resolvedIDs: [String] = []

    /// Maps every record of `page`. A retry page is mapped whatever its records' cursors (their window has
    /// passed) and only for the records asked for again (a file read again holds others, already handled).
    init(_ page: SourcePage, mapper: RecordMapper, window: SyncWindow, retryIDs: Set<String>) {
        requests = page.requests
        file = page.file
        endsFile = page.endsFile
        safeWatermark = page.safeWatermark
        isRetry = page.isRetry
        progress = page.progress
        warnings = page.warnings
        rows.reserveCapacity(page.records.count)
        let unbounded = SyncWindow(from: nil, to: .distantFuture)
        for record in page.records {
            var sourceID: String?
            if isRetry {
                let id = mapper.sourceID(of: record)
                guard retryIDs.contains(id) else { continue }
                retriedIDs.append(id)
                sourceID = id
            } else {
                fetched += 1
            }
            switch mapper.map(record, window: isRetry ? unbounded : window) {
            case .row(let row, let rowWarnings):
                rows.append(row)
                warnings += rowWarnings
                if let sourceID { resolvedIDs.append(sourceID) }
            case .rejected(var rejection):
                rejection.file = page.file?.path
                rejections.append(rejection)
            case .outsideWindow(let isAfter):
                outsideWindow += 1
                if isAfter { hasLateRecords = true }
            }
        }
    }
}
