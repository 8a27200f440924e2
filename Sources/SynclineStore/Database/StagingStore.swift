package import Foundation
import GRDB
import SynclineCore

/// The staging database: one SQLite file in WAL mode, migrated on open, read by analysts while syncs write.
///
/// Everything outside this module talks to SQLite through this type's API; GRDB stays inside the store, so
/// another store (PostgreSQL) can take its place.
package final class StagingStore: Sendable {
    /// The database file.
    package let path: String
    let pool: DatabasePool

    /// Opens (creating when needed) and migrates the database at `path`.
    ///
    /// Throws `StoreError` with code `open` or `migration`.
    package init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA page_size = 16384")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.open, "cannot open staging database '\(path)': \(Self.describe(error))")
        }
        try Self.migrator().migrate(pool)
    }

    /// Opens an existing database for reading only (`syncline query`); nothing can be written through it.
    package init(readingFrom path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                .notFound, "no staging database at '\(path)'; run 'syncline apply' or 'syncline demo' first")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.open, "cannot open staging database '\(path)': \(Self.describe(error))")
        }
    }

    /// The migration files bundled with the store, in name order.
    package static func migrationFiles() throws -> [URL] {
        guard let directory = Bundle.module.url(forResource: "migrations", withExtension: nil) else {
            throw StoreError(.migration, "the migrations folder is missing from the build")
        }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        return files.filter { $0.pathExtension == "sql" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func migrator() throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in try migrationFiles() {
            let sql: String
            do {
                sql = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw StoreError(.migration, "cannot read migration \(file.lastPathComponent): \(error)")
            }
            migrator.registerMigration(file.deletingPathExtension().lastPathComponent) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }

    /// The names of the migrations applied to this database, in order.
    package func appliedMigrations() throws -> [String] {
        try read { db in try Self.migrator().appliedMigrations(db) }
    }

    /// Runs `body` in a read transaction, mapping database errors to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.query, Self.describe(error))
        }
    }

    /// Runs `body` in one write transaction, mapping database errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.query, Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? error.description
        }
        return "\(error)"
    }

    /// UTC ISO-8601 with whole seconds, the form every timestamp column holds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
