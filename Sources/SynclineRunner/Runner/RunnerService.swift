import Foundation
package import Logging
import ServiceLifecycle
package import SynclineStore

/// `syncline runner`'s scheduling loop as a service: registers the runner, runs rounds until stopped, marks
/// itself alive meanwhile, and on a graceful stop (SIGTERM, Ctrl-C) lets the sync in progress commit its batch
/// and end `cancelled`, then marks the runner stopped.
package struct RunnerService: Service {
    /// The rounds.
    package var scheduler: Scheduler
    /// Where the runner's row is kept.
    package var store: StagingStore
    /// This process, as its row names it.
    package var pid: Int32
    /// This machine.
    package var host: String
    /// Where its status page listens, if it does: asked at each heartbeat, since a port 0 is known once bound.
    package var http: @Sendable () -> String?
    /// Where log lines go.
    package var logger: Logger

    /// Creates the service.
    package init(
        scheduler: Scheduler, store: StagingStore, pid: Int32, host: String,
        http: @escaping @Sendable () -> String?, logger: Logger
    ) {
        self.scheduler = scheduler
        self.store = store
        self.pid = pid
        self.host = host
        self.http = http
        self.logger = logger
    }

    package func run() async throws {
        let clock = scheduler.clock
        let runner = try store.registerRunner(host: host, pid: pid, http: http(), now: clock.now())
        logger.info("runner started", metadata: ["runner.id": "\(runner)"])
        defer {
            do {
                try store.stopRunner(runner, now: clock.now())
            } catch {
                logger.warning("cannot mark the runner stopped", metadata: ["error": "\(error)"])
            }
            logger.info("runner stopped", metadata: ["runner.id": "\(runner)"])
        }
        try? await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [scheduler, store, logger, http] in
                    while true {
                        try await scheduler.clock.sleep(
                            until: scheduler.clock.now().addingTimeInterval(scheduler.configuration.heartbeatInterval))
                        do {
                            try store.heartbeatRunner(runner, http: http(), now: scheduler.clock.now())
                        } catch {
                            logger.warning("cannot record the runner's heartbeat", metadata: ["error": "\(error)"])
                        }
                    }
                }
                group.addTask { [scheduler, logger] in
                    while true {
                        let wake: Date
                        do {
                            wake = try await scheduler.round()
                        } catch is CancellationError {
                            throw CancellationError()
                        } catch {
                            // A database hiccup must not stop the runner: log it and try again after a poll.
                            logger.error("runner round failed", metadata: ["error": "\(error)"])
                            wake = scheduler.clock.now().addingTimeInterval(scheduler.configuration.pollInterval)
                        }
                        try await scheduler.clock.sleep(until: wake)
                    }
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }
}
