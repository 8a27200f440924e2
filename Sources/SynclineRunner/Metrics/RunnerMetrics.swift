import Foundation
import Metrics
import Prometheus
package import SynclineStore

/// The runner's metrics, kept with swift-metrics in a Prometheus registry of its own (never the process-wide
/// `MetricsSystem`, so tests and several runners in one process stay apart), and written in Prometheus's text
/// format by swift-prometheus for `/metrics`.
package final class RunnerMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Empty metrics; run durations are bucketed from a second to two hours.
    package init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200].map {
            Duration.seconds($0)
        }
        self.factory = factory
    }

    /// Counts a finished run of `job` that ended `status`, with its records and duration when it ran.
    package func record(job: String, status: RunStatus, run: RunRecord?) {
        Counter(
            label: "syncline_runs_total", dimensions: [("job", job), ("status", status.rawValue)], factory: factory
        )
        .increment()
        if status == .failed {
            Counter(label: "syncline_run_errors_total", dimensions: [("job", job)], factory: factory).increment()
        }
        guard let run else { return }
        for (outcome, count) in [
            ("created", run.created), ("updated", run.updated), ("skipped", run.skippedExisting),
            ("rejected", run.rejected),
        ] {
            Counter(
                label: "syncline_records_total", dimensions: [("job", job), ("outcome", outcome)], factory: factory
            )
            .increment(by: count)
        }
        if let finished = run.finishedAt {
            let seconds = max(finished.timeIntervalSince(run.startedAt), 0)
            Timer(label: "syncline_run_duration_seconds", dimensions: [("job", job)], factory: factory)
                .recordNanoseconds(Int64(seconds * 1e9))
            if status == .succeeded {
                Gauge(label: "syncline_last_success_timestamp_seconds", dimensions: [("job", job)], factory: factory)
                    .record(finished.timeIntervalSince1970)
            }
        }
    }

    /// Sets the API request gauges: requests used today (UTC) and the daily budget, per API.
    package func recordRequests(_ usage: [(api: String, used: Int, budget: Int?)]) {
        for entry in usage {
            Gauge(label: "syncline_api_requests_used", dimensions: [("api", entry.api)], factory: factory)
                .record(Double(entry.used))
            if let budget = entry.budget {
                Gauge(label: "syncline_api_request_budget", dimensions: [("api", entry.api)], factory: factory)
                    .record(Double(budget))
            }
        }
    }

    /// Everything so far, in Prometheus's text exposition format.
    package func exposition() -> String {
        registry.emitToString()
    }
}
