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

/// Wires the real parts into an engine: the registered connectors, the process's environment, the system clock.
enum EngineWiring {
    /// An engine over `store` whose sources come from `registry`.
    static func engine(
        store: StagingStore, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: URL? = nil, registry: ConnectorRegistry = .standard
    ) -> SyncEngine {
        let context = SourceContext(
            workingDirectory: workingDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            logger: logger)
        return SyncEngine(
            store: store,
            makeSource: { plan, connection in
                try registry.source(for: plan, connection: connection, context: context)
            },
            environment: environment,
            now: { Date() },
            logger: logger,
            processID: getpid(),
            host: ProcessInfo.processInfo.hostName,
            isAlive: isAlive
        )
    }

    /// Whether the process holding a lease still runs: checked with `kill(pid, 0)` on this machine; on another
    /// machine a heartbeat in the last five minutes counts as alive.
    @Sendable static func isAlive(pid: Int32, host: String, heartbeat: Date) -> Bool {
        guard host == ProcessInfo.processInfo.hostName else { return Date().timeIntervalSince(heartbeat) < 300 }
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
