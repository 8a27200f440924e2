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

    /// How long a lease lives without a heartbeat: a running sync beats every 10 s, so a holder silent for a
    /// minute is dead (SIGKILL, a lost machine) and another process may take the job over.
    static let leaseTimeout: TimeInterval = 60

    /// Whether the process holding a lease still runs: its heartbeat is recent and, on this machine, the process
    /// exists (`kill(pid, 0)`), so a killed sync is taken over at once here and after `leaseTimeout` elsewhere.
    @Sendable static func isAlive(pid: Int32, host: String, heartbeat: Date) -> Bool {
        guard Date().timeIntervalSince(heartbeat) < leaseTimeout else { return false }
        guard host == ProcessInfo.processInfo.hostName else { return true }
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
