import Foundation
import GRDB

extension StagingStore {
    /// The job's runs, newest first.
    package func runs(of job: String, limit: Int = 20) throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sync_runs WHERE job = ? ORDER BY run_id DESC LIMIT ?", arguments: [job, limit]
            ).map(Self.runRecord)
        }
    }

    /// One run by id.
    package func run(_ runID: Int64) throws -> RunRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sync_runs WHERE run_id = ?", arguments: [runID]).map(
                Self.runRecord)
        }
    }

    /// Every job with its watermark and last runs, read in one transaction (so a running sync's counters are
    /// consistent with each other).
    package func jobStatuses() throws -> [JobStatus] {
        let summaries = try jobs()
        return try read { db in
            try summaries.map { summary in
                let watermark = try String.fetchOne(
                    db, sql: "SELECT watermark FROM job_state WHERE job = ?", arguments: [summary.name]
                )
                let last = try Row.fetchOne(
                    db, sql: "SELECT * FROM sync_runs WHERE job = ? ORDER BY run_id DESC LIMIT 1",
                    arguments: [summary.name]
                ).map(Self.runRecord)
                var finished: RunRecord?
                if last?.status == .running {
                    finished = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT * FROM sync_runs WHERE job = ? AND status <> 'running' ORDER BY run_id DESC LIMIT 1",
                        arguments: [summary.name]
                    ).map(Self.runRecord)
                }
                return JobStatus(
                    job: summary, watermark: try watermark.map(Self.preciseDate), lastRun: last,
                    lastFinishedRun: finished
                )
            }
        }
    }

    /// The job's current rejections, newest first.
    package func rejections(of job: String, limit: Int = 100) throws -> [RejectionRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source_id, run_id, reason_code, reason, record_date FROM rejected_records
                    WHERE job = ? ORDER BY run_id DESC, record_date DESC, source_id LIMIT ?
                    """,
                arguments: [job, limit]
            ).map { row in
                RejectionRecord(
                    sourceID: row["source_id"], runID: row["run_id"], code: row["reason_code"], reason: row["reason"],
                    recordDate: row["record_date"]
                )
            }
        }
    }

    /// Whether a job with this name has been applied.
    package func hasJob(_ job: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM jobs WHERE name = ?", arguments: [job]) ?? false }
    }

    private static func runRecord(_ row: Row) throws -> RunRecord {
        RunRecord(
            runID: row["run_id"], job: row["job"], planVersion: row["plan_version"], windowFrom: row["window_from"],
            windowTo: row["window_to"], status: RunStatus(rawValue: row["status"]) ?? .failed,
            trigger: RunTrigger(rawValue: row["trigger"]) ?? .manual, attempt: row["attempt"], pages: row["pages"],
            fetched: row["fetched"], outsideWindow: row["outside_window"], created: row["created"],
            updated: row["updated"], skippedExisting: row["skipped_existing"], rejected: row["rejected"],
            warnings: row["warnings"], progress: row["progress"], retried: row["retried"],
            retriedCreated: row["retried_created"],
            error: row["error"], startedAt: try preciseDate(row["started_at"]),
            heartbeatAt: try preciseDate(row["heartbeat_at"]),
            finishedAt: try (row["finished_at"] as String?).map(preciseDate), host: row["host"], pid: row["pid"]
        )
    }
}
