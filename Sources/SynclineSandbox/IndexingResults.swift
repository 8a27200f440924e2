import Foundation

/// The partial indexes of the workers of `GongSandboxData.load(directory:)`, filled in concurrently.
final class IndexingResults: @unchecked Sendable {
    // @unchecked: `results` is only touched under `lock`.
    private let lock = NSLock()
    private var results: [Result<CallIndex.Builder, any Error>]

    /// Room for `count` workers' results.
    init(count: Int) {
        results = Array(repeating: .success(CallIndex.Builder()), count: count)
    }

    /// Records worker `worker`'s result.
    func store(_ result: Result<CallIndex.Builder, any Error>, at worker: Int) {
        lock.withLock { results[worker] = result }
    }

    /// Every worker's result, in worker order.
    var all: [Result<CallIndex.Builder, any Error>] {
        lock.withLock { results }
    }
}
