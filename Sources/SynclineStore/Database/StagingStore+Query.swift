import GRDB

/// One value of an ad-hoc query's result, as SQLite typed it.
package enum QueryValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Int)

    /// The value as text; nil for NULL.
    package var text: String? {
        switch self {
        case .null: nil
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let count): "<\(count) bytes>"
        }
    }
}

/// The rows of an ad-hoc query.
package struct QueryResult: Sendable, Hashable {
    /// Column names, in order.
    package var columns: [String]
    /// Rows, each with one typed value per column.
    package var values: [[QueryValue]]

    /// Rows with every value as text (nil for NULL).
    package var rows: [[String?]] { values.map { $0.map(\.text) } }
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
            var rows: [[QueryValue]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                rows.append(row.databaseValues.map(Self.value))
                if let limit, rows.count >= limit { break }
            }
            return QueryResult(columns: statement.columnNames, values: rows)
        }
    }

    private static func value(_ value: DatabaseValue) -> QueryValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data.count)
        }
    }
}
