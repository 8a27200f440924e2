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

    /// The lease policy of this machine: `kill(pid, 0)` tells whether a local holder still runs;
    /// `SYNCLINE_LEASE_TIMEOUT` (seconds) overrides how long a silent holder elsewhere counts as alive.
    static let leasePolicy = LeasePolicy(
        timeout: ProcessInfo.processInfo.environment["SYNCLINE_LEASE_TIMEOUT"].flatMap(TimeInterval.init)
            ?? LeasePolicy.defaultTimeout,
        host: ProcessInfo.processInfo.hostName, now: { Date() },
        processExists: { pid in kill(pid, 0) == 0 || errno == EPERM })

    /// Whether the process holding a lease still runs (see `LeasePolicy`).
    @Sendable static func isAlive(pid: Int32, host: String, heartbeat: Date) -> Bool {
        leasePolicy.isAlive(pid: pid, host: host, heartbeat: heartbeat)
    }
}
