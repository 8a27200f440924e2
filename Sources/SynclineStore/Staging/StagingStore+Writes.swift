package import Foundation
import GRDB
package import SynclineCore

extension StagingStore {
    /// Writes a batch in one transaction: its rows, rejections and consumed files, the run's counters and
    /// heartbeat, and the safe watermark when the batch carries one. Nothing of it is kept if any part fails.
    ///
    /// The table, columns, side tables and bookkeeping come from the run's `StagingLayout` (a target descriptor).
    /// Create-only rows are `INSERT … ON CONFLICT DO NOTHING` counted by the change count; upserts update the
    /// columns the plan maps, only where a value differs, and leave the others as they are. A write that changes
    /// reference data moves the reference version forward, so records rejected for want of it are tried again.
    package func commit(_ batch: StagingBatch, for run: RunHandle, now: Date) throws -> BatchOutcome {
        let statements = try RowStatements(layout: run.layout)
        let stamp = Instant.preciseText(now)
        return try write { db in
            var outcome = BatchOutcome()
            var changedReference = false
            for (rows, isRetry) in [(batch.rows, false), (batch.retryRows, true)] where !rows.isEmpty {
                let written = try statements.write(rows, job: run.job, run: run.runID, stamp: stamp, db: db)
                outcome.created += written.outcome.created
                outcome.updated += written.outcome.updated
                outcome.skippedExisting += written.outcome.skippedExisting
                if isRetry { outcome.retriedCreated += written.outcome.created }
                changedReference = changedReference || written.changed
            }
            if changedReference {
                try db.execute(
                    sql: "UPDATE reference_state SET version = version + 1, changed_at = ? WHERE id = 1",
                    arguments: [stamp])
            }
            if !batch.rejections.isEmpty {
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO rejected_records (job, source_id, run_id, reason_code, reason, record_date,
                            rejected_at, reference_version, source_file)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (job, source_id) DO UPDATE SET run_id = excluded.run_id,
                            reason_code = excluded.reason_code, reason = excluded.reason,
                            record_date = excluded.record_date, rejected_at = excluded.rejected_at,
                            reference_version = excluded.reference_version,
                            source_file = coalesce(excluded.source_file, source_file), attempts = attempts + 1
                        """
                )
                for rejection in batch.rejections {
                    try statement.execute(arguments: [
                        run.job, rejection.sourceID, run.runID, rejection.code.rawValue, rejection.reason,
                        rejection.recordDate, stamp, run.referenceVersion, rejection.file,
                    ])
                }
            }
            if !batch.unfoundRetries.isEmpty {
                let statement = try db.cachedStatement(
                    sql: "UPDATE rejected_records SET reference_version = ? WHERE job = ? AND source_id = ?")
                for id in batch.unfoundRetries {
                    try statement.execute(arguments: [run.referenceVersion, run.job, id])
                }
            }
            if !batch.resolvedRetries.isEmpty {
                let statement = try db.cachedStatement(
                    sql: "DELETE FROM rejected_records WHERE job = ? AND source_id = ?")
                for id in batch.resolvedRetries { try statement.execute(arguments: [run.job, id]) }
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
                        rejected = rejected + ?, warnings = warnings + ?, retried = retried + ?,
                        retried_created = retried_created + ?, progress = coalesce(?, progress), heartbeat_at = ?
                    WHERE run_id = ?
                    """,
                arguments: [
                    batch.pages, batch.fetched, batch.outsideWindow, outcome.created, outcome.updated,
                    outcome.skippedExisting, batch.rejections.count, batch.warnings, batch.retried,
                    outcome.retriedCreated, batch.progress.map { min(max($0, 0), 1) }, stamp, run.runID,
                ]
            )
            if let api = run.requestCounter, batch.requests > 0 {
                try Self.addRequests(batch.requests, for: api, on: now, db: db)
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

    /// Adds `requests` to the day's count for `api` (nothing when either is nil or zero), in one transaction.
    ///
    /// For requests made outside a run (`preview`, `connections test`), which count against the budget too.
    package func countRequests(_ requests: Int, for api: String?, now: Date) throws {
        guard let api, requests > 0 else { return }
        try write { db in try Self.addRequests(requests, for: api, on: now, db: db) }
    }

    private static func addRequests(_ requests: Int, for api: String, on date: Date, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO api_request_counts (api, day, requests) VALUES (?, ?, ?)
                ON CONFLICT (api, day) DO UPDATE SET requests = requests + excluded.requests
                """,
            arguments: [api, day(date), requests]
        )
    }

    /// Which of `keys` already have a row in the layout's table (for `preview`).
    package func existingKeys(_ keys: [String], in layout: StagingLayout) throws -> Set<String> {
        try SQLName.check([layout.table, layout.key])
        return try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT 1 FROM \(layout.table) WHERE \(layout.key) = ?")
            var found: Set<String> = []
            for key in keys where try Bool.fetchOne(statement, arguments: [key]) ?? false { found.insert(key) }
            return found
        }
    }

    /// The reference data resolvers need, read in one transaction.
    package func referenceData() throws -> ReferenceData {
        let members = TargetDescriptor.teamMember
        let keys = members.lookupKeys.filter { $0 != "email" }
        try SQLName.check([members.table, members.key] + keys)
        return try read { db in
            var data = ReferenceData()
            data.version = try Int.fetchOne(db, sql: "SELECT version FROM reference_state WHERE id = 1") ?? 0
            var rows = try Row.fetchCursor(
                db, sql: "SELECT contact_id, lower(email) AS email, account_id FROM contacts")
            while let row = try rows.next() {
                data.contactsByEmail[row["email"]] = .init(contactID: row["contact_id"], accountID: row["account_id"])
            }
            rows = try Row.fetchCursor(db, sql: "SELECT lower(domain) AS domain, account_id FROM account_domains")
            while let row = try rows.next() { data.accountByDomain[row["domain"]] = row["account_id"] }
            data.freeMailDomains = Set(try String.fetchAll(db, sql: "SELECT lower(domain) FROM free_mail_domains"))
            let columns = ([members.key, "lower(email) AS email"] + keys).joined(separator: ", ")
            rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(members.table)")
            while let row = try rows.next() {
                let id: String = row[members.key]
                data.teamMemberByEmail[row["email"]] = id
                for key in keys {
                    if let value: String = row[key] { data.teamMemberByKey[key, default: [:]][value] = id }
                }
            }
            return data
        }
    }
}

/// The statements that write one layout's rows, built from the layout alone.
private struct RowStatements {
    let layout: StagingLayout
    let insert: String
    let sideTables: [(cell: Int, sql: String)]
    let tableCells: [Int]
    let checksExisting: Bool

    init(layout: StagingLayout) throws {
        self.layout = layout
        try SQLName.check(
            [layout.table, layout.key] + layout.columns + layout.bookkeeping.map(\.name)
                + layout.sideTables.flatMap { [$0.table.table, $0.table.valueColumn, $0.table.ownerColumn] })
        tableCells = layout.tableCells
        let names = tableCells.map { layout.columns[$0] }
        let all = names + layout.bookkeeping.map(\.name)
        let placeholders = Array(repeating: "?", count: all.count).joined(separator: ", ")
        var sql = "INSERT INTO \(layout.table) (\(all.joined(separator: ", "))) VALUES (\(placeholders))"
        switch layout.mode {
        case .createOnly:
            sql += " ON CONFLICT (\(layout.key)) DO NOTHING"
        case .upsert:
            let mapped = names.filter { $0 != layout.key }
            let updates =
                mapped.map { "\($0) = excluded.\($0)" }
                + layout.bookkeeping.filter(\.isRewrittenOnUpdate).map { "\($0.name) = excluded.\($0.name)" }
            sql += " ON CONFLICT (\(layout.key)) DO UPDATE SET \(updates.joined(separator: ", "))"
            // Only where a mapped value differs: an unchanged row is left alone (and is not a reference change).
            if !mapped.isEmpty {
                let current = mapped.joined(separator: ", ")
                let incoming = mapped.map { "excluded.\($0)" }.joined(separator: ", ")
                sql +=
                    mapped.count == 1
                    ? " WHERE \(current) IS NOT \(incoming)" : " WHERE (\(current)) IS NOT (\(incoming))"
            }
        }
        insert = sql
        checksExisting = layout.mode == .upsert
        sideTables = layout.sideTables.map { side in
            let table = side.table
            let value = table.isCaseInsensitive ? "lower(?)" : "?"
            return (
                side.cell,
                """
                INSERT INTO \(table.table) (\(table.valueColumn), \(table.ownerColumn)) VALUES (\(value), ?)
                ON CONFLICT (\(table.valueColumn)) DO UPDATE SET \(table.ownerColumn) = excluded.\(table.ownerColumn)
                WHERE \(table.ownerColumn) IS NOT excluded.\(table.ownerColumn)
                """
            )
        }
    }

    /// Writes `rows`; returns the counts and whether anything changed (for the reference version).
    func write(_ rows: [StagingRow], job: String, run: Int64, stamp: String, db: Database) throws -> (
        outcome: BatchOutcome, changed: Bool
    ) {
        var outcome = BatchOutcome()
        var sideChanges = 0
        let insert = try db.cachedStatement(sql: self.insert)
        let exists =
            checksExisting ? try db.cachedStatement(sql: "SELECT 1 FROM \(layout.table) WHERE \(layout.key) = ?") : nil
        let sides = try sideTables.map { (cell: $0.cell, statement: try db.cachedStatement(sql: $0.sql)) }
        let bookkeeping: [any DatabaseValueConvertible] = layout.bookkeeping.map { column in
            switch column.value {
            case .job: job
            case .run: run
            case .now: stamp
            }
        }
        var values: [(any DatabaseValueConvertible)?] = []
        values.reserveCapacity(tableCells.count + bookkeeping.count)
        for row in rows {
            values.removeAll(keepingCapacity: true)
            for index in tableCells { values.append(Self.databaseValue(row.cells[index])) }
            values.append(contentsOf: bookkeeping)
            let existed =
                try exists.map { statement in try Bool.fetchOne(statement, arguments: [row.key]) ?? false } ?? false
            try insert.execute(arguments: StatementArguments(values))
            let rowChanged = db.changesCount > 0
            var sideChanged = false
            for side in sides {
                guard let value = row.cells[side.cell].text, !value.isEmpty else { continue }
                try side.statement.execute(arguments: [value, row.key])
                sideChanged = sideChanged || db.changesCount > 0
                sideChanges += db.changesCount
            }
            if rowChanged && !existed {
                outcome.created += 1
            } else if rowChanged || (sideChanged && layout.mode == .upsert) {
                outcome.updated += 1  // a new domain for a known account is an update of the account
            } else {
                outcome.skippedExisting += 1
            }
        }
        let changed = layout.isReferenceData && (outcome.created + outcome.updated + sideChanges > 0)
        return (outcome, changed)
    }

    private static func databaseValue(_ cell: Cell) -> (any DatabaseValueConvertible)? {
        switch cell {
        case .null: nil
        case .text(let text): text
        case .integer(let number): number
        }
    }
}

/// Checks names that are put into SQL text (tables and columns from target descriptors): plain snake_case only.
enum SQLName {
    /// Throws `StoreError(.query)` unless every name is `[a-z_][a-z0-9_]*`.
    static func check(_ names: [String]) throws {
        for name in names {
            let valid =
                !name.isEmpty && name.utf8.first.map { !(48...57).contains($0) } == true
                && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
            guard valid else { throw StoreError(.query, "'\(name)' is not a plain SQL name") }
        }
    }
}
