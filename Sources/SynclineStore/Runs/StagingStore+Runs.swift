package import Foundation
import GRDB
package import SynclineCore

extension StagingStore {
    /// The job's watermark and consumed files.
    package func jobState(of job: String) throws -> JobState {
        try read { db in
            let watermark = try String.fetchOne(
                db, sql: "SELECT watermark FROM job_state WHERE job = ?", arguments: [job])
            var files: Set<FileMark> = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, size, modified_at FROM consumed_files WHERE job = ?", arguments: [job]
            )
            while let row = try rows.next() {
                files.insert(
                    FileMark(path: row["path"], size: row["size"], modifiedAt: try Self.preciseDate(row["modified_at"]))
                )
            }
            return JobState(watermark: try watermark.map(Self.preciseDate), consumedFiles: files)
        }
    }

    /// Starts a run: takes the job's lease and records the run as `running`, in one transaction.
    ///
    /// A run still marked `running` whose owner `isAlive` denies is marked `interrupted` first (a killed
    /// process). Throws `StoreError` with code `busy` when a live run holds the job.
    package func beginRun(
        job: String, planVersion: Int, window: SyncWindow, layout: StagingLayout, requestCounter: String? = nil,
        referenceVersion: Int = 0, trigger: RunTrigger = .manual, attempt: Int = 1, now: Date,
        pid: Int32, host: String,
        isAlive: @Sendable (_ pid: Int32, _ host: String, _ heartbeat: Date) -> Bool
    ) throws -> RunHandle {
        let stamp = Instant.preciseText(now)
        return try write { db in
            try db.execute(
                sql: "INSERT INTO job_state (job, updated_at) VALUES (?, ?) ON CONFLICT (job) DO NOTHING",
                arguments: [job, stamp]
            )
            let running = try Row.fetchAll(
                db, sql: "SELECT run_id, pid, host, heartbeat_at FROM sync_runs WHERE job = ? AND status = 'running'",
                arguments: [job]
            )
            for row in running {
                let runID: Int64 = row["run_id"]
                let ownerPID: Int32 = row["pid"] ?? 0
                let ownerHost: String = row["host"] ?? ""
                if isAlive(ownerPID, ownerHost, try Self.preciseDate(row["heartbeat_at"])) {
                    throw StoreError(
                        .busy,
                        "job '\(job)' is already syncing (run \(runID), process \(ownerPID) on \(ownerHost)); wait for it to finish"
                    )
                }
                try db.execute(
                    sql: """
                        UPDATE sync_runs SET status = 'interrupted', finished_at = ?,
                            error = 'the process stopped before finishing (killed or crashed); nothing after its last commit was kept, and the next run picks up from the last watermark'
                        WHERE run_id = ?
                        """,
                    arguments: [stamp, runID]
                )
            }
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (job, plan_version, window_from, window_to, status, trigger, attempt,
                        started_at, heartbeat_at, pid, host)
                    VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    job, planVersion, window.from.map(Instant.preciseText), Instant.preciseText(window.to),
                    trigger.rawValue, attempt, stamp, stamp, pid, host,
                ]
            )
            let runID = db.lastInsertedRowID
            try db.execute(
                sql:
                    "UPDATE job_state SET lease_run_id = ?, lease_pid = ?, lease_host = ?, updated_at = ? WHERE job = ?",
                arguments: [runID, pid, host, stamp, job]
            )
            return RunHandle(
                runID: runID, job: job, planVersion: planVersion, layout: layout, requestCounter: requestCounter,
                referenceVersion: referenceVersion)
        }
    }

    /// Ends a run in one transaction: its status, the watermark (only ever moved forward) and the lease.
    ///
    /// Pass `watermark` only for a run that stored everything in its window.
    package func finishRun(
        _ run: RunHandle, status: RunStatus, error: String?, advancingWatermarkTo watermark: Date?, now: Date
    ) throws {
        let stamp = Instant.preciseText(now)
        try write { db in
            try db.execute(
                sql: "UPDATE sync_runs SET status = ?, error = ?, finished_at = ?, heartbeat_at = ? WHERE run_id = ?",
                arguments: [status.rawValue, error, stamp, stamp, run.runID]
            )
            if let watermark {
                try db.execute(
                    sql: """
                        UPDATE job_state SET watermark = max(coalesce(watermark, ''), ?), updated_at = ? WHERE job = ?
                        """,
                    arguments: [Instant.preciseText(watermark), stamp, run.job]
                )
            }
            if status == .succeeded {
                // A record written now is no longer rejected.
                try SQLName.check([run.layout.table, run.layout.key])
                try db.execute(
                    sql: """
                        DELETE FROM rejected_records WHERE job = ?
                        AND EXISTS (SELECT 1 FROM \(run.layout.table) WHERE \(run.layout.key) = rejected_records.source_id)
                        """,
                    arguments: [run.job]
                )
            }
            try db.execute(
                sql: """
                    UPDATE job_state SET last_run_id = ?, lease_run_id = NULL, lease_pid = NULL, lease_host = NULL,
                        updated_at = ?
                    WHERE job = ? AND (lease_run_id = ? OR lease_run_id IS NULL)
                    """,
                arguments: [run.runID, stamp, run.job, run.runID]
            )
        }
    }

    /// UTC ISO-8601 with milliseconds, as windows and watermarks are stored.
    static func preciseDate(_ text: String) throws -> Date {
        guard let date = Instant.date(text) else { throw StoreError(.corrupt, "'\(text)' is not a UTC timestamp") }
        return date
    }
}

extension StagingStore {
    /// Requests counted for `api` on the UTC day of `date`.
    package func requestCount(for api: String, on date: Date) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT requests FROM api_request_counts WHERE api = ? AND day = ?",
                arguments: [api, Self.day(date)]
            ) ?? 0
        }
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    static func day(_ date: Date) -> String {
        String(Instant.utcText(milliseconds: Int64(date.timeIntervalSince1970 * 1000)).prefix(10))
    }
}

extension StagingStore {
    /// The job's records rejected for want of reference data under a reference version older than `version`,
    /// oldest rejection first, at most `limit`: the ones a run reading reference data at `version` tries again.
    package func retryCandidates(of job: String, before version: Int, limit: Int) throws -> [RetryCandidate] {
        let codes = RejectionCode.allCases.filter(\.dependsOnReferenceData).map(\.rawValue)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source_id, source_file FROM rejected_records
                    WHERE job = ? AND reference_version < ? AND reason_code IN (\(codes.map { _ in "?" }.joined(separator: ", ")))
                    ORDER BY rejected_at, source_id LIMIT ?
                    """,
                arguments: StatementArguments([job, version] + codes + [limit] as [any DatabaseValueConvertible])
            ).map { RetryCandidate(sourceID: $0["source_id"], sourceFile: $0["source_file"]) }
        }
    }
}

extension StagingStore {
    /// Requests counted per API on the UTC day of `date`.
    package func requestCounts(on date: Date) throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT api, requests FROM api_request_counts WHERE day = ?", arguments: [Self.day(date)])
            {
                counts[row["api"]] = row["requests"]
            }
            return counts
        }
    }
}
