import CSQLiteConfig
package import Foundation
import GRDB
import SynclineCore

/// The staging database: one SQLite file in WAL mode, migrated on open, read by analysts while syncs write.
///
/// Its -wal and -shm files stay beside it between processes: no connection checkpoints on close, so closing never
/// locks readers out (see `keepWALOnClose`).
///
/// Everything outside this module talks to SQLite through this type's API; GRDB stays inside the store, so
/// another store (PostgreSQL) can take its place.
package final class StagingStore: Sendable {
    /// The database file.
    package let path: String
    let pool: DatabasePool
    /// Whether the store was opened with `init(readingFrom:)`, and so never checkpoints.
    private let isReadOnly: Bool

    /// The size (bytes) the -wal file is cut back to when SQLite restarts it: above one autocheckpoint's worth
    /// (1,000 pages of 16 KiB), so a normal run never shrinks and regrows it, while a WAL that grew long behind
    /// a long-running reader does not stay that big.
    static let walSizeLimit = 64 * 1024 * 1024

    /// Opens (creating when needed) and migrates the database at `path` with the bundled migrations.
    ///
    /// Throws `StoreError` with code `open` or `migration` (also when a released migration's file changed).
    package convenience init(path: String) throws {
        try self.init(path: path, migrationsIn: Self.bundledMigrations())
    }

    /// Opens (creating when needed) and migrates the database at `path` with the `.sql` files in `folder`.
    ///
    /// For tests of the migrations themselves; everything else uses `init(path:)`. Throws `StoreError` with code
    /// `open` or `migration`.
    package init(path: String, migrationsIn folder: URL) throws {
        self.path = path
        isReadOnly = false
        let migrations = try Self.migrations(in: folder)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try Self.keepWALOnClose(db)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.open, "cannot open staging database '\(path)': \(Self.describe(error))")
        }
        try Self.migrate(pool, with: migrations, path: path)
    }

    /// Opens an existing database for reading only (`syncline query`); nothing can be written through it.
    package init(readingFrom path: String) throws {
        self.path = path
        isReadOnly = true
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                .notFound, "no staging database at '\(path)'; run 'syncline apply' or 'syncline demo' first")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try Self.keepWALOnClose(db) }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.open, "cannot open staging database '\(path)': \(Self.describe(error))")
        }
    }

    /// Copies the WAL into the database and empties it, so that the next process to open the database first
    /// recovers an empty WAL (while it recovers, readers without a busy timeout would be refused).
    ///
    /// Closing never checkpoints (`keepWALOnClose`). This never blocks readers; a reader still on an older snapshot,
    /// or another process writing, delays it by a second at most, after which the WAL is left to the next
    /// autocheckpoint. No data can be lost by a checkpoint that does not happen, so its failure is ignored.
    deinit {
        guard !isReadOnly else { return }
        _ = try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 1000")
            return try db.checkpoint(.truncate)
        }
    }

    /// Sets SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE on a new connection.
    ///
    /// SQLite's last connection to close otherwise takes an exclusive lock on the database to checkpoint and
    /// delete the -wal file, and in that instant a reader without a busy timeout (the `sqlite3` shell) is refused
    /// with "database is locked". The -wal and -shm files stay; autocheckpoints (passive) keep the WAL short.
    private static func keepWALOnClose(_ db: Database) throws {
        let code = syncline_disable_checkpoint_on_close(db.sqliteConnection)
        guard code == 0 else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: "cannot keep the WAL on close (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE needs SQLite 3.16 or later)")
        }
    }

    /// The names of the migrations applied to this database, in order.
    package func appliedMigrations() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
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
