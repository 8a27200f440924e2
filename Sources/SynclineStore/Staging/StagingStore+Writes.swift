package import Foundation
import GRDB
package import SynclineCore

extension StagingStore {
    /// A staging table a target object is written to.
    struct Table: Sendable {
        /// The table's name.
        var name: String
        /// The key column.
        var key: String
        /// Columns a layout may name (the target's attributes and derived columns).
        var columns: Set<String>
    }

    /// The table of each target object. Layout columns are checked against these before any SQL is built.
    static let tables: [String: Table] = [
        "touchpoint": Table(
            name: "touchpoints", key: "touchpoint_id",
            columns: [
                "touchpoint_id", "account_id", "subject", "created_by", "touchpoint_date", "touchpoint_type",
                "participants", "body", "account_resolution",
            ]
        ),
        "team_member": Table(
            name: "team_members", key: "team_member_id",
            columns: [
                "team_member_id", "email", "first_name", "last_name", "display_name", "title", "gong_user_id",
                "webex_person_id", "is_active",
            ]
        ),
        "account": Table(name: "accounts", key: "account_id", columns: ["account_id", "account_name", "domain"]),
        "contact": Table(
            name: "contacts", key: "contact_id",
            columns: ["contact_id", "email", "account_id", "display_name", "title"]
        ),
    ]

    /// Writes a batch in one transaction: its rows, rejections and consumed files, the run's counters and
    /// heartbeat, and the safe watermark when the batch carries one. Nothing of it is kept if any part fails.
    ///
    /// Create-only rows are `INSERT … ON CONFLICT DO NOTHING` counted by the change count; upserts update the
    /// columns the plan maps and leave the others as they are.
    package func commit(_ batch: StagingBatch, for run: RunHandle, now: Date) throws -> BatchOutcome {
        guard let table = Self.tables[run.layout.target] else {
            throw StoreError(.query, "no staging table for target '\(run.layout.target)'")
        }
        let unknown = run.layout.columns.filter { !table.columns.contains($0) }
        guard unknown.isEmpty else {
            throw StoreError(.query, "\(table.name) has no column \(unknown.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let stamp = Instant.preciseText(now)
        return try write { db in
            var outcome = BatchOutcome()
            if !batch.rows.isEmpty {
                outcome = try Self.writeRows(
                    batch.rows, layout: run.layout, table: table, job: run.job, run: run.runID, stamp: stamp, db: db)
            }
            if !batch.rejections.isEmpty {
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO rejected_records (job, source_id, run_id, reason_code, reason, record_date, rejected_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (job, source_id) DO UPDATE SET run_id = excluded.run_id,
                            reason_code = excluded.reason_code, reason = excluded.reason,
                            record_date = excluded.record_date, rejected_at = excluded.rejected_at
                        """
                )
                for rejection in batch.rejections {
                    try statement.execute(arguments: [
                        run.job, rejection.sourceID, run.runID, rejection.code, rejection.reason, rejection.recordDate,
                        stamp,
                    ])
                }
            }
            if !batch.consumedFiles.isEmpty {
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO consumed_files (job, path, size, modified_at, run_id, consumed_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (job, path) DO UPDATE SET size = excluded.size, modified_at = excluded.modified_at,
                            run_id = excluded.run_id, consumed_at = excluded.consumed_at
                        """
                )
                for file in batch.consumedFiles {
                    try statement.execute(arguments: [
                        run.job, file.path, file.size, Instant.preciseText(file.modifiedAt), run.runID, stamp,
                    ])
                }
            }
            try db.execute(
                sql: """
                    UPDATE sync_runs SET pages = pages + ?, fetched = fetched + ?, outside_window = outside_window + ?,
                        created = created + ?, updated = updated + ?, skipped_existing = skipped_existing + ?,
                        rejected = rejected + ?, warnings = warnings + ?, heartbeat_at = ?
                    WHERE run_id = ?
                    """,
                arguments: [
                    batch.pages, batch.fetched, batch.outsideWindow, outcome.created, outcome.updated,
                    outcome.skippedExisting, batch.rejections.count, batch.warnings, stamp, run.runID,
                ]
            )
            if let api = run.requestCounter, batch.requests > 0 {
                try db.execute(
                    sql: """
                        INSERT INTO api_request_counts (api, day, requests) VALUES (?, ?, ?)
                        ON CONFLICT (api, day) DO UPDATE SET requests = requests + excluded.requests
                        """,
                    arguments: [api, Self.day(now), batch.requests]
                )
            }
            if let watermark = batch.safeWatermark {
                try db.execute(
                    sql:
                        "UPDATE job_state SET watermark = max(coalesce(watermark, ''), ?), updated_at = ? WHERE job = ?",
                    arguments: [Instant.preciseText(watermark), stamp, run.job]
                )
            }
            return outcome
        }
    }

    private static func writeRows(
        _ rows: [StagingRow], layout: StagingLayout, table: Table, job: String, run: Int64, stamp: String, db: Database
    ) throws -> BatchOutcome {
        var outcome = BatchOutcome()
        let isAccount = layout.target == "account"
        let domainIndex = isAccount ? layout.columns.firstIndex(of: "domain") : nil
        let columns = layout.columns.enumerated().filter { $0.offset != domainIndex }
        let names = columns.map(\.element)
        let bookkeeping =
            layout.target == "touchpoint"
            ? ["source_job", "source_run", "created_at"] : ["source_job", "created_at", "updated_at"]
        let placeholders = Array(repeating: "?", count: names.count + bookkeeping.count).joined(separator: ", ")
        var sql =
            "INSERT INTO \(table.name) (\((names + bookkeeping).joined(separator: ", "))) VALUES (\(placeholders))"
        switch layout.mode {
        case .createOnly:
            sql += " ON CONFLICT (\(table.key)) DO NOTHING"
        case .upsert:
            let updates =
                names.filter { $0 != table.key }.map { "\($0) = excluded.\($0)" } + [
                    "source_job = excluded.source_job", "updated_at = excluded.updated_at",
                ]
            sql += " ON CONFLICT (\(table.key)) DO UPDATE SET \(updates.joined(separator: ", "))"
        }
        let insert = try db.cachedStatement(sql: sql)
        let exists =
            layout.mode == .upsert
            ? try db.cachedStatement(sql: "SELECT 1 FROM \(table.name) WHERE \(table.key) = ?") : nil
        let domain =
            domainIndex == nil
            ? nil
            : try db.cachedStatement(
                sql: """
                    INSERT INTO account_domains (domain, account_id) VALUES (lower(?), ?)
                    ON CONFLICT (domain) DO UPDATE SET account_id = excluded.account_id
                    """
            )
        var arguments = StatementArguments()
        for row in rows {
            var values: [(any DatabaseValueConvertible)?] = columns.map { Self.databaseValue(row.cells[$0.offset]) }
            values += layout.target == "touchpoint" ? [job, run, stamp] : [job, stamp, stamp]
            arguments = StatementArguments(values)
            let existed =
                try exists.map { statement in try Bool.fetchOne(statement, arguments: [row.key]) ?? false } ?? false
            try insert.execute(arguments: arguments)
            if db.changesCount == 0 {
                outcome.skippedExisting += 1
            } else if existed {
                outcome.updated += 1
            } else {
                outcome.created += 1
            }
            if let domain, let domainIndex, let value = row.cells[domainIndex].text, !value.isEmpty {
                try domain.execute(arguments: [value, row.key])
            }
        }
        return outcome
    }

    private static func databaseValue(_ cell: Cell) -> (any DatabaseValueConvertible)? {
        switch cell {
        case .null: nil
        case .text(let text): text
        case .integer(let number): number
        }
    }

    /// The reference data resolvers need, read in one transaction.
    package func referenceData() throws -> ReferenceData {
        try read { db in
            var data = ReferenceData()
            var rows = try Row.fetchCursor(
                db, sql: "SELECT contact_id, lower(email) AS email, account_id FROM contacts")
            while let row = try rows.next() {
                data.contactsByEmail[row["email"]] = .init(contactID: row["contact_id"], accountID: row["account_id"])
            }
            rows = try Row.fetchCursor(db, sql: "SELECT lower(domain) AS domain, account_id FROM account_domains")
            while let row = try rows.next() { data.accountByDomain[row["domain"]] = row["account_id"] }
            data.freeMailDomains = Set(try String.fetchAll(db, sql: "SELECT lower(domain) FROM free_mail_domains"))
            rows = try Row.fetchCursor(
                db, sql: "SELECT team_member_id, lower(email) AS email, gong_user_id, webex_person_id FROM team_members"
            )
            while let row = try rows.next() {
                let id: String = row["team_member_id"]
                data.teamMemberByEmail[row["email"]] = id
                if let gong: String = row["gong_user_id"] { data.teamMemberByGongUserID[gong] = id }
                if let webex: String = row["webex_person_id"] { data.teamMemberByWebexPersonID[webex] = id }
            }
            return data
        }
    }
}

extension StagingStore {
    /// Inserts a team member directly; for tests that need one without a reference job.
    package func upsertTeamMemberForTests(id: String, email: String, gongUserID: String?) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO team_members (team_member_id, email, gong_user_id, source_job, created_at, updated_at)
                    VALUES (?, ?, ?, 'test', '', '') ON CONFLICT (team_member_id) DO UPDATE SET gong_user_id = excluded.gong_user_id
                    """,
                arguments: [id, email, gongUserID]
            )
        }
    }
}

extension StagingStore {
    /// Inserts accounts with one domain each directly; for tests that need them without a reference job.
    package func seedAccountsForTests(_ accounts: [(id: String, name: String, domain: String)]) throws {
        try write { db in
            for account in accounts {
                try db.execute(
                    sql:
                        "INSERT INTO accounts (account_id, account_name, source_job, created_at, updated_at) VALUES (?, ?, 'test', '', '')",
                    arguments: [account.id, account.name]
                )
                try db.execute(
                    sql: "INSERT INTO account_domains (domain, account_id) VALUES (?, ?)",
                    arguments: [account.domain, account.id]
                )
            }
        }
    }
}
