import Crypto
package import Foundation
import GRDB

/// A migration file bundled with the store: its SQL and the SHA-256 of its bytes.
struct Migration: Sendable {
    /// The file's stem (`0002_staging`): the name GRDB records it under in `grdb_migrations`.
    var identifier: String
    /// The file's name (`0002_staging.sql`), as errors quote it.
    var fileName: String
    /// The file's text.
    var sql: String
    /// The SHA-256 of the file's bytes, lower-case hex.
    var sha256: String
}

extension StagingStore {
    /// The migrations folder bundled with the store.
    ///
    /// Throws `StoreError` with code `migration` when the build lacks it.
    package static func bundledMigrations() throws -> URL {
        guard let folder = Bundle.module.url(forResource: "migrations", withExtension: nil) else {
            throw StoreError(.migration, "the migrations folder is missing from the build; rebuild with 'swift build'")
        }
        return folder
    }

    /// The migration files bundled with the store, in name order.
    package static func migrationFiles() throws -> [URL] {
        try migrationFiles(in: bundledMigrations())
    }

    /// The `.sql` files in `folder`, in name order.
    package static func migrationFiles(in folder: URL) throws -> [URL] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        } catch {
            throw StoreError(.migration, "cannot list the migrations in '\(folder.path)': \(error)")
        }
        return files.filter { $0.pathExtension == "sql" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The migrations in `folder`, read and hashed, in name order.
    static func migrations(in folder: URL) throws -> [Migration] {
        try migrationFiles(in: folder).map { file in
            let bytes: Data
            do {
                bytes = try Data(contentsOf: file)
            } catch {
                throw StoreError(.migration, "cannot read migration \(file.lastPathComponent): \(error)")
            }
            return Migration(
                identifier: file.deletingPathExtension().lastPathComponent, fileName: file.lastPathComponent,
                sql: String(decoding: bytes, as: UTF8.self), sha256: hex(SHA256.hash(data: bytes)))
        }
    }

    /// A migrator that applies `migrations` in order, each recording its checksum in its own transaction.
    static func migrator(_ migrations: [Migration]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: """
                        INSERT INTO migration_checksums (migration, sha256) VALUES (?, ?)
                        ON CONFLICT (migration) DO UPDATE SET sha256 = excluded.sha256
                        """,
                    arguments: [migration.identifier, migration.sha256])
            }
        }
        return migrator
    }

    /// Checks the applied migrations against their recorded checksums, then applies the new ones.
    ///
    /// An applied migration without a recorded checksum (a database made before checksums were kept) gets its
    /// bundled file's. Each new migration commits with its checksum. Throws `StoreError` with code `migration`
    /// when an applied migration's file has changed (recording nothing then), or when a migration fails.
    static func migrate(_ pool: DatabasePool, with migrations: [Migration], path: String) throws {
        let migrator = migrator(migrations)
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS migration_checksums (
                            migration TEXT NOT NULL PRIMARY KEY,
                            sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
                        )
                        """)
                let applied = try migrator.appliedIdentifiers(db)
                var recorded: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT migration, sha256 FROM migration_checksums") {
                    recorded[row["migration"]] = row["sha256"]
                }
                var changed: [(migration: Migration, recorded: String)] = []
                for migration in migrations where applied.contains(migration.identifier) {
                    if let checksum = recorded[migration.identifier] {
                        if checksum != migration.sha256 { changed.append((migration, checksum)) }
                    } else {
                        try db.execute(
                            sql: "INSERT INTO migration_checksums (migration, sha256) VALUES (?, ?)",
                            arguments: [migration.identifier, migration.sha256])
                    }
                }
                if !changed.isEmpty { throw changedMigrations(changed, path: path) }
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.migration, "cannot migrate staging database '\(path)': \(describe(error))")
        }
    }

    /// The refusal to open a database whose applied migrations' files have changed, quoting both checksums.
    private static func changedMigrations(
        _ changed: [(migration: Migration, recorded: String)], path: String
    ) -> StoreError {
        let files = changed.map(\.migration.fileName).joined(separator: ", ")
        let checksums = changed.map { migration, recorded in
            (changed.count == 1 ? "" : "\(migration.fileName): ")
                + "SHA-256 \(recorded.prefix(12))… when applied, \(migration.sha256.prefix(12))… now"
        }
        let subject =
            changed.count == 1
            ? "migration \(files) has changed since it was applied to '\(path)'"
            : "migrations \(files) have changed since they were applied to '\(path)'"
        return StoreError(
            .migration,
            "\(subject) (\(checksums.joined(separator: "; "))); migrations are never edited once released: "
                + "restore \(files) and add a new migration")
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
