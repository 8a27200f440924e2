import Foundation
import Logging
import SynclineConnectors
import SynclineCore
import SynclineEngine
import SynclineStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wires the real parts into an engine: connectors by name, the process's environment, the system clock.
enum EngineWiring {
    /// An engine over `store` with the real connectors.
    static func engine(store: StagingStore, logger: Logger, workingDirectory: URL? = nil) -> SyncEngine {
        let directory = workingDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return SyncEngine(
            store: store,
            makeSource: { plan, _ in try source(for: plan, workingDirectory: directory) },
            environment: ProcessInfo.processInfo.environment,
            now: { Date() },
            logger: logger,
            processID: getpid(),
            host: ProcessInfo.processInfo.hostName,
            isAlive: isAlive
        )
    }

    /// The connector a plan reads.
    static func source(for plan: Plan, workingDirectory: URL) throws -> any Source {
        switch plan.source.connector {
        case "file":
            return FileSource(workingDirectory: workingDirectory)
        default:
            throw EngineError("connector '\(plan.source.connector)' cannot run in this build yet")
        }
    }

    /// Whether the process holding a lease still runs: checked with `kill(pid, 0)` on this machine; on another
    /// machine a heartbeat in the last five minutes counts as alive.
    @Sendable static func isAlive(pid: Int32, host: String, heartbeat: Date) -> Bool {
        guard host == ProcessInfo.processInfo.hostName else { return Date().timeIntervalSince(heartbeat) < 300 }
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
