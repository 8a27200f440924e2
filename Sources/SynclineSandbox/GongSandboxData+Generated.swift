package import Foundation
import SynclineCore

extension GongSandboxData {
    /// Deterministic synthetic users and calls in Gong's documented shape, so the sandbox runs without files.
    ///
    /// Twelve users and `calls` calls spread over the ten days before `end`, each with parties (some dial-in
    /// parties have no email address), content (brief, outline, key points, topics, trackers, action items, …),
    /// interaction and sometimes CRM context and public comments. Times carry each host's UTC offset
    /// (`2026-03-04T09:02:41-08:00`). The same `calls`, `seed` and `end` always give the same data.
    package static func generated(calls: Int = 300, seed: UInt64 = 42, end: Date = Date()) -> GongSandboxData {
        var random = SplitMix64(seed: seed)
        let endMilliseconds = Int64((end.timeIntervalSince1970 * 1000).rounded(.down)) / 1000 * 1000
        let users = SyntheticGong.users(&random)
        let span: Int64 = 10 * 86_400 * 1000
        var callObjects: [Data] = []
        callObjects.reserveCapacity(max(calls, 0))
        for position in 0..<max(calls, 0) {
            let slot = span / Int64(max(calls, 1))
            let jitter = slot > 1000 ? Int64(random.next(upperBound: UInt64(slot / 1000))) * 1000 : 0
            let started = endMilliseconds - span + Int64(position) * slot + jitter
            let call = SyntheticGong.call(&random, started: started, users: users)
            callObjects.append(Data(call.bytes))
        }
        let userObjects = users.map { Data($0.json.bytes) }
        do {
            return try GongSandboxData(userObjects: userObjects, callObjects: callObjects)
        } catch {
            // The generator writes every call with an id and a valid started; reaching this is a bug in it.
            preconditionFailure("generated call data does not index: \(error)")
        }
    }
}
