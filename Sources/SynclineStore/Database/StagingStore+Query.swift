import GRDB

/// The rows of an ad-hoc query, every value as text (nil for SQL NULL).
package struct QueryResult: Sendable, Hashable {
    /// Column names, in order.
    package var columns: [String]
    /// Rows, each with one value per column.
    package var rows: [[String?]]
}

extension StagingStore {
    /// Runs one SQL statement on a read-only connection; any attempt to write fails with `StoreError`.
    ///
    /// For analysts' questions (`syncline query`) and tests; never for the sync's own writes.
    package func query(_ sql: String, limit: Int? = nil) throws -> QueryResult {
        try read { db in
            let statement = try db.makeStatement(sql: sql)
            guard statement.isReadonly else {
                throw StoreError(.readOnly, "queries are read-only; this statement would write: \(sql)")
            }
            var rows: [[String?]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                rows.append(row.databaseValues.map(Self.text))
                if let limit, rows.count >= limit { break }
            }
            return QueryResult(columns: statement.columnNames, rows: rows)
        }
    }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): "<\(data.count) bytes>"
        }
    }
}
