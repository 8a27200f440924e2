package import Foundation
package import Hummingbird
package import Logging
import NIOCore
import SynclineCore
package import SynclineStore

/// The runner's HTTP listener: `/health`, `/status` (JSON), `/metrics` (Prometheus text), the status page at
/// `/` and a page per job at `/jobs/NAME`. Everything is read from the staging database when asked, so the page
/// shows syncs run by any process on it.
package struct StatusServer: Sendable {
    /// The staging database.
    package var store: StagingStore
    /// The run metrics of this process.
    package var metrics: RunnerMetrics
    /// The instance's time zone.
    package var instanceZone: TimeZone
    /// Resolves connections' base URLs, for the API budgets.
    package var environment: [String: String]
    /// The current time.
    package var now: @Sendable () -> Date

    /// Creates a server.
    package init(
        store: StagingStore, metrics: RunnerMetrics, instanceZone: TimeZone, environment: [String: String],
        now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.metrics = metrics
        self.instanceZone = instanceZone
        self.environment = environment
        self.now = now
    }

    /// The routes.
    package func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in
            Self.response(#"{"status":"ok"}"#, type: "application/json")
        }
        router.get("/status") { _, _ in
            Self.response(String(decoding: try Self.json(try report()), as: UTF8.self), type: "application/json")
        }
        router.get("/metrics") { _, _ in
            let report = try report()
            metrics.recordRequests(report.apis.map { ($0.api, $0.used, $0.budget) })
            return Self.response(metrics.exposition(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/") { _, _ in
            Self.response(StatusPage.overview(try report()), type: "text/html; charset=utf-8")
        }
        router.get("/jobs/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let job = try report().jobs.first(where: { $0.name == name }),
                let plan = try store.plan(for: name)
            else {
                return Self.response("no job '\(name)'", type: "text/plain; charset=utf-8", status: .notFound)
            }
            let page = StatusPage.job(
                job, runs: try store.runs(of: name, limit: 30), rejected: try store.rejections(of: name, limit: 100),
                plan: plan.rendered(instanceZone: instanceZone.identifier), now: now())
            return Self.response(page, type: "text/html; charset=utf-8")
        }
        return router
    }

    /// The application listening on `host`:`port` (port 0: a free one, passed to `onListening`).
    package func application(
        host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "syncline"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
    }

    private func report() throws -> StatusReport {
        try StatusReport.make(store: store, instanceZone: instanceZone, environment: environment, now: now())
    }

    private static func json(_ report: StatusReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(report)
    }

    private static func response(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
