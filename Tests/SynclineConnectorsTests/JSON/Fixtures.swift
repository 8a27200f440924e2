import Foundation
import SynclineTestSupport

/// Access to the files in `Fixtures/`.
enum Fixtures {
    /// The Gong `/v2/calls/extensive` reference response.
    static func gongCallsExtensive() throws -> [UInt8] {
        let url = RepositoryPaths.fixtures().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gong-post-v2-calls-extensive.response.json")
        return Array(try Data(contentsOf: url))
    }
}
