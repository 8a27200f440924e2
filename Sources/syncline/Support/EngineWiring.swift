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
    static func engine(
        store: StagingStore, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: URL? = nil
    ) -> SyncEngine {
        let directory = workingDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return SyncEngine(
            store: store,
            makeSource: { plan, _ in
                try source(for: plan, workingDirectory: directory, environment: environment, logger: logger)
            },
            environment: environment,
            now: { Date() },
            logger: logger,
            processID: getpid(),
            host: ProcessInfo.processInfo.hostName,
            isAlive: isAlive
        )
    }

    /// The connector a plan reads, with its connection's secrets read from the environment or files.
    static func source(for plan: Plan, workingDirectory: URL, environment: [String: String], logger: Logger) throws
        -> any Source
    {
        switch plan.source.connector {
        case "file":
            return FileSource(workingDirectory: workingDirectory)
        case "gong":
            return GongSource(
                client: try gongClient(for: plan, environment: environment, logger: logger), logger: logger)
        default:
            throw EngineError("connector '\(plan.source.connector)' cannot run in this build")
        }
    }

    /// A Gong client for the plan's connection: base URL resolved and checked, credentials read.
    static func gongClient(for plan: Plan, environment: [String: String], logger: Logger) throws -> GongClient {
        guard let connection = plan.connection else { throw EngineError("job '\(plan.job)' has no connection") }
        let written = connection.baseURL ?? GongCatalog.connector.defaultBaseURL ?? ""
        let baseURL = try Interpolation.resolve(written, environment: environment)
        guard let components = URLComponents(string: baseURL), let host = components.host,
            components.scheme == "https" || (components.scheme == "http" && LoopbackHost.contains(host))
        else {
            throw EngineError("base URL '\(baseURL)' must be https (plain http only to loopback hosts)")
        }
        let secrets = connection.secrets
        let credentials: GongCredentials
        if let key = secrets["access_key"], let secret = secrets["access_key_secret"] {
            credentials = .accessKey(
                key: try key.resolve(environment: environment, naming: "access_key"),
                secret: try secret.resolve(environment: environment, naming: "access_key_secret")
            )
        } else if let token = secrets["bearer_token"] {
            credentials = .bearer(try token.resolve(environment: environment, naming: "bearer_token"))
        } else {
            throw EngineError("connection '\(connection.name)' names no Gong credentials")
        }
        return GongClient(baseURL: baseURL, credentials: credentials, logger: logger)
    }

    /// Whether the process holding a lease still runs: checked with `kill(pid, 0)` on this machine; on another
    /// machine a heartbeat in the last five minutes counts as alive.
    @Sendable static func isAlive(pid: Int32, host: String, heartbeat: Date) -> Bool {
        guard host == ProcessInfo.processInfo.hostName else { return Date().timeIntervalSince(heartbeat) < 300 }
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
