import Crypto
import Foundation
import GRDB
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Released migrations are recorded by checksum and never change")
struct MigrationChecksumTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private var database: String { directory.path("staging.db") }

    /// Each bundled migration's name and the SHA-256 of its bytes (lower-case hex), in order.
    private static func bundled() throws -> [[String?]] {
        try StagingStore.migrationFiles().map { file in
            let digest = SHA256.hash(data: try Data(contentsOf: file))
            return [file.deletingPathExtension().lastPathComponent, digest.hex]
        }
    }

    /// Runs one SQL statement that writes, as another tool would.
    private func execute(_ sql: String) throws {
        let queue = try DatabaseQueue(path: database)
        try queue.write { try $0.execute(sql: sql) }
    }

    private func recorded(_ store: StagingStore) throws -> [[String?]] {
        try store.query("SELECT migration, sha256 FROM migration_checksums ORDER BY migration").rows
    }

    @Test("every applied migration's SHA-256 is recorded, and reopening an unchanged database is fine")
    func recordsChecksums() throws {
        let store = try StagingStore(path: database)
        #expect(try recorded(store) == Self.bundled())
        let again = try StagingStore(path: database)
        #expect(try recorded(again) == Self.bundled())
        #expect(try again.appliedMigrations() == Self.bundled().map { $0[0] ?? "" })
    }

    @Test("a migration whose recorded checksum differs from its bundled file is refused, naming the file")
    func refusesChangedMigration() throws {
        _ = try StagingStore(path: database)
        try execute(
            "UPDATE migration_checksums SET sha256 = '\(String(repeating: "0", count: 64))' WHERE migration = '0002_staging'"
        )
        #expect {
            try StagingStore(path: database)
        } throws: { error in
            guard let error = error as? StoreError, error.code == .migration else { return false }
            return error.message.contains("0002_staging.sql")
                && error.message.contains(
                    "migrations are never edited once released: restore 0002_staging.sql and add a new migration")
        }
    }

    @Test("an edited migration file is refused until it is restored; a new migration is applied and recorded")
    func editedFile() throws {
        let folder = directory.url.appendingPathComponent("migrations")
        try FileManager.default.copyItem(at: try StagingStore.bundledMigrations(), to: folder)
        _ = try StagingStore(path: database, migrationsIn: folder)
        let file = folder.appendingPathComponent("0001_plans.sql")
        let original = try Data(contentsOf: file)
        try (original + Data("\n-- an innocent comment\n".utf8)).write(to: file)
        #expect {
            try StagingStore(path: database, migrationsIn: folder)
        } throws: { error in
            "\(error)".hasPrefix("migration 0001_plans.sql has changed since it was applied to '\(database)'")
                && "\(error)".hasSuffix(
                    "migrations are never edited once released: restore 0001_plans.sql and add a new migration")
        }
        try original.write(to: file)
        try Data("CREATE TABLE later_things (id INTEGER PRIMARY KEY);\n".utf8).write(
            to: folder.appendingPathComponent("9999_later_things.sql"))
        let store = try StagingStore(path: database, migrationsIn: folder)
        #expect(try store.appliedMigrations().last == "9999_later_things")
        #expect(
            try store.query("SELECT sha256 FROM migration_checksums WHERE migration = '9999_later_things'").rows
                == [[SHA256.hash(data: Data("CREATE TABLE later_things (id INTEGER PRIMARY KEY);\n".utf8)).hex]])
    }

    @Test("a database migrated before checksums were recorded gets them on its next open")
    func recordsOnFirstOpen() throws {
        _ = try StagingStore(path: database)
        try execute("DROP TABLE migration_checksums")
        let store = try StagingStore(path: database)
        #expect(try recorded(store) == Self.bundled())
    }
}

extension SHA256.Digest {
    /// The digest as lower-case hex.
    fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}
