import ArgumentParser
import Foundation
import SynclineStore

/// `--db PATH`, shared by every command that opens the staging database.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The staging database (SQLite file).",
            discussion: "Default: $SYNCLINE_DB, else syncline.db in the working directory.",
            valueName: "path"
        )
    )
    var db: String?

    /// The path in force: `--db`, else `SYNCLINE_DB`, else `syncline.db`.
    var path: String {
        if let db { return db }
        if let environment = ProcessInfo.processInfo.environment["SYNCLINE_DB"], !environment.isEmpty {
            return environment
        }
        return "syncline.db"
    }

    /// Opens (creating and migrating) the database.
    func open() throws -> StagingStore {
        try StagingStore(path: path)
    }
}
