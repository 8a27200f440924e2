import Foundation
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("The WAL outlives the store's connections")
struct WALTests {
    @Test("closing the store keeps the -wal file, emptied by a checkpoint; autocheckpoint stays on, the WAL capped")
    func closingKeepsWAL() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("staging.db")
        do {
            let store = try StagingStore(path: path)
            #expect(try store.query("PRAGMA wal_autocheckpoint").rows == [["1000"]])
            #expect(try store.query("PRAGMA journal_size_limit").rows == [["67108864"]])
        }
        let size = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber
        #expect(size?.intValue == 0, "the closed store left \(size?.intValue ?? -1) bytes of WAL")
        do {
            let reader = try StagingStore(readingFrom: path)
            #expect(try reader.query("SELECT count(*) > 0 FROM grdb_migrations").rows == [["1"]])
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the read-only store deleted the -wal file")
        #expect(try StagingStore(path: path).query("PRAGMA integrity_check").rows == [["ok"]])
    }
}
