import Foundation
import Hummingbird
package import Logging
import ServiceLifecycle
import Synchronization
package import SynclineEngine
package import SynclineStore
import UnixSignals

/// A whole runner: the scheduling loop and, when asked, the HTTP listener, as one service group that stops
/// gracefully on SIGTERM or SIGINT (the sync in progress commits its batch and ends `cancelled`) and then returns.
package enum RunnerProcess {
    /// Where the HTTP listener binds.
    package struct Listener: Sendable {
        /// The address, `127.0.0.1` unless the operator allows another.
        package var host: String
        /// The port; 0 picks a free one.
        package var port: Int

        /// Creates a listener address.
        package init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// Runs until a graceful stop; `onListening` receives the HTTP port once it listens.
    package static func run(
        store: StagingStore, engine: SyncEngine, configuration: RunnerConfiguration, listener: Listener?,
        environment: [String: String], clock: any RunnerClock = SystemRunnerClock(), logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let metrics = RunnerMetrics()
        var configuration = configuration
        if let listener { configuration.httpAddress = "\(listener.host):\(listener.port)" }
        let http = Mutex(configuration.httpAddress)  // the bound port replaces a configured 0 once listening
        let scheduler = Scheduler(
            store: store, engine: engine, configuration: configuration, clock: clock, metrics: metrics,
            startedAt: clock.now(), logger: logger)
        let runner = RunnerService(
            scheduler: scheduler, store: store, pid: engine.processID, host: engine.host,
            http: { http.withLock { $0 } }, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let listener {
            var quiet = logger
            quiet.logLevel = .warning
            let server = StatusServer(
                store: store, metrics: metrics, instanceZone: configuration.instanceZone, environment: environment,
                now: { clock.now() })
            services.append(
                .init(
                    service: server.application(
                        host: listener.host, port: listener.port, logger: quiet,
                        onListening: { port in
                            http.withLock { $0 = "\(listener.host):\(port)" }
                            await onListening(port)
                        }),
                    successTerminationBehavior: .gracefullyShutdownGroup))
        }
        // Shut down in reverse order: the runner first (its sync commits), then the listener.
        services.append(.init(service: runner, successTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
