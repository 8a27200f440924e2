package import Foundation
import GRDB
package import SynclineCore

/// What `apply` did with a plan.
package enum ApplyOutcome: Sendable, Hashable {
    /// A new job, at version 1.
    case created(version: Int)
    /// A changed job, at a new version.
    case updated(version: Int)
    /// The same plan as the current version: nothing written.
    case unchanged(version: Int)

    /// The job's current version after applying.
    package var version: Int {
        switch self {
        case .created(let version), .updated(let version), .unchanged(let version): version
        }
    }
}

/// One job as `syncline jobs` lists it.
package struct JobSummary: Sendable, Hashable {
    /// The job's name.
    package var name: String
    /// Its current plan version.
    package var version: Int
    /// Whether the runner schedules it.
    package var isEnabled: Bool
    /// What it does.
    package var summary: String?
    /// `connector.object`.
    package var source: String
    /// The target object.
    package var target: String
    /// The write mode.
    package var mode: WriteMode
    /// The cron expression.
    package var cron: String
    /// The IANA time zone, nil for the instance's.
    package var timezone: String?
    /// When the current version was applied.
    package var appliedAt: Date
    /// When the runner starts it next; nil when not scheduled (disabled, or not computed yet).
    package var nextRunAt: Date?
}

/// A stored plan version.
package struct StoredPlan: Sendable {
    /// The plan.
    package var plan: Plan
    /// Its version.
    package var version: Int
    /// SHA-256 of its canonical JSON.
    package var contentHash: String
    /// The job file it was compiled from.
    package var sourceFile: String
    /// When it was applied.
    package var appliedAt: Date
}

extension StagingStore {
    /// Stores the compiled plan as the job's next version unless its hash equals the current one's; one
    /// transaction.
    package func apply(_ compiled: CompiledPlan, sourceFile: String, now: Date) throws -> ApplyOutcome {
        let plan = compiled.plan
        let contentHash = compiled.contentHash
        let json = String(decoding: compiled.canonicalJSON, as: UTF8.self)
        let stamp = Self.timestamp(now)
        return try write { db in
            let current = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.version, p.content_hash, p.cron, p.timezone, p.is_enabled FROM jobs j
                    JOIN plans p ON p.job = j.name AND p.version = j.current_version
                    WHERE j.name = ?
                    """,
                arguments: [plan.job]
            )
            let outcome: ApplyOutcome
            if let current {
                let version: Int = current["version"]
                if (current["content_hash"] as String) == contentHash {
                    try db.execute(
                        sql: "UPDATE jobs SET source_file = ? WHERE name = ?", arguments: [sourceFile, plan.job])
                    return .unchanged(version: version)
                }
                let next =
                    (try Int.fetchOne(db, sql: "SELECT max(version) FROM plans WHERE job = ?", arguments: [plan.job])
                        ?? version) + 1
                outcome = .updated(version: next)
            } else {
                outcome = .created(version: 1)
                try db.execute(
                    sql: """
                        INSERT INTO jobs (name, current_version, is_enabled, source_file, created_at, updated_at)
                        VALUES (?, 1, ?, ?, ?, ?)
                        """,
                    arguments: [plan.job, plan.schedule.isEnabled, sourceFile, stamp, stamp]
                )
            }
            let version = outcome.version
            try db.execute(
                sql: """
                    INSERT INTO plans (job, version, content_hash, description, source_connector, source_object,
                        target_object, write_mode, cron, timezone, sync_on_save, is_enabled, plan_json, source_file,
                        applied_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    plan.job, version, contentHash, plan.summary, plan.source.connector.rawValue,
                    plan.source.object.rawValue, plan.target.object.rawValue, plan.target.mode.rawValue,
                    plan.schedule.cron, plan.schedule.timezone,
                    plan.schedule.syncsOnSave, plan.schedule.isEnabled, json, sourceFile, stamp,
                ]
            )
            for (position, attribute) in plan.attributes.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO plan_attributes (job, version, position, attribute, expression, is_required,
                            is_locked, locked_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        plan.job, version, position, attribute.name, attribute.expression.description,
                        attribute.isRequired, attribute.isLocked, attribute.lockedBy,
                    ]
                )
            }
            for field in plan.source.fields {
                try db.execute(
                    sql: "INSERT INTO plan_source_fields (job, version, path, type) VALUES (?, ?, ?, ?)",
                    arguments: [plan.job, version, field.path.description, field.type]
                )
            }
            try db.execute(
                sql: """
                    UPDATE jobs SET current_version = ?, is_enabled = ?, source_file = ?, updated_at = ?
                    WHERE name = ?
                    """,
                arguments: [version, plan.schedule.isEnabled, sourceFile, stamp, plan.job]
            )
            // A changed schedule (or a job switched on or off) is scheduled again from now.
            let rescheduled =
                current.map { row in
                    (row["cron"] as String) != plan.schedule.cron
                        || (row["timezone"] as String?) != plan.schedule.timezone
                        || (row["is_enabled"] as Bool) != plan.schedule.isEnabled
                } ?? true
            if rescheduled {
                try db.execute(sql: "UPDATE jobs SET next_run_at = NULL WHERE name = ?", arguments: [plan.job])
            }
            return outcome
        }
    }

    /// Every job with its current plan, by name.
    package func jobs() throws -> [JobSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT j.name, j.current_version, j.is_enabled, j.next_run_at, p.description, p.source_connector,
                        p.source_object, p.target_object, p.write_mode, p.cron, p.timezone, p.applied_at
                    FROM jobs j JOIN plans p ON p.job = j.name AND p.version = j.current_version
                    ORDER BY j.name
                    """
            ).map { row in
                JobSummary(
                    name: row["name"], version: row["current_version"], isEnabled: row["is_enabled"],
                    summary: row["description"],
                    source: "\(row["source_connector"] as String).\(row["source_object"] as String)",
                    target: row["target_object"], mode: WriteMode(rawValue: row["write_mode"]) ?? .createOnly,
                    cron: row["cron"], timezone: row["timezone"],
                    appliedAt: try Self.date(row["applied_at"]),
                    nextRunAt: try (row["next_run_at"] as String?).map(Self.preciseDate)
                )
            }
        }
    }

    /// The job's plan at `version` (default: the current one), or nil when there is no such job or version.
    package func plan(for job: String, version: Int? = nil) throws -> StoredPlan? {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.version, p.content_hash, p.plan_json, p.source_file, p.applied_at
                    FROM plans p JOIN jobs j ON j.name = p.job
                    WHERE p.job = ? AND p.version = coalesce(?, j.current_version)
                    """,
                arguments: [job, version]
            )
            guard let row else { return nil }
            let json: String = row["plan_json"]
            let plan: Plan
            do {
                plan = try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
            } catch {
                throw StoreError(.corrupt, "the stored plan of '\(job)' cannot be read: \(error)")
            }
            return StoredPlan(
                plan: plan, version: row["version"], contentHash: row["content_hash"], sourceFile: row["source_file"],
                appliedAt: try Self.date(row["applied_at"])
            )
        }
    }

    static func date(_ text: String) throws -> Date {
        guard let date = try? Date.ISO8601FormatStyle().parse(text) else {
            throw StoreError(.corrupt, "'\(text)' is not a UTC ISO-8601 timestamp")
        }
        return date
    }
}
