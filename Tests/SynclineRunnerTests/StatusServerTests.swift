import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SynclineCore
import SynclineEngine
import SynclineRunner
import SynclineStore
import SynclineTestSupport
import Testing

/// Every endpoint of the runner's HTTP listener, through Hummingbird's router with the real store behind it.
@Suite("The runner's HTTP endpoints")
struct StatusServerTests {
    /// Two jobs, `accounts` (synced once, successfully) and `contacts` (never run, disabled), and the metrics of
    /// that one run.
    struct Fixture {
        let harness: SchedulerHarness
        let metrics = RunnerMetrics()

        init() async throws {
            harness = try SchedulerHarness(jobs: [
                "accounts": SchedulerHarness.job(
                    #"description: "Accounts <b>&amp;</b> \"friends\" <script>alert(1)</script>""#),
                "contacts": SchedulerHarness.job("schedule: {cron: \"30 6 * * 1-5\", enabled: false}"),
            ])
            let run = try await harness.engine().sync(job: "accounts", trigger: .schedule)
            metrics.record(job: "accounts", status: run.status, run: run)
            try Schedules.storeNextRun(
                of: try #require(try harness.store.plan(for: "accounts")).plan, in: harness.store, zone: harness.zone,
                now: harness.clock.now())
        }

        func server() -> StatusServer {
            StatusServer(
                store: harness.store, metrics: metrics, instanceZone: harness.zone, environment: [:],
                now: { [clock = harness.clock] in clock.now() })
        }

        /// `GET path` through the router: status, content type and body.
        func get(_ path: String) async throws -> (status: Int, type: String?, body: String) {
            let app = Application(router: server().router())
            return try await app.test(.router) { client in
                let response = try await client.execute(uri: path, method: .get)
                return (
                    Int(response.status.code), response.headers[.contentType],
                    String(buffer: response.body)
                )
            }
        }
    }

    @Test("/health answers ok")
    func health() async throws {
        let reply = try await Fixture().get("/health")
        #expect(reply.status == 200)
        #expect(reply.type == "application/json")
        #expect(reply.body == #"{"status":"ok"}"#)
    }

    @Test("/status lists every job with its schedule, next run and last run, as JSON")
    func status() async throws {
        let fixture = try await Fixture()
        let reply = try await fixture.get("/status")
        #expect(reply.status == 200)
        #expect(reply.type == "application/json")
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(reply.body.utf8))
        #expect(report.instanceZone == "America/Denver")
        #expect(report.jobs.map(\.name) == ["accounts", "contacts"])
        let accounts = try #require(report.jobs.first)
        #expect(accounts.cron == "0 23 * * *")
        #expect(accounts.nextRunLocal == "2027-03-10T23:00:00-07:00")
        #expect(accounts.lastRun?.status == "succeeded")
        #expect(accounts.lastRun?.trigger == "schedule")
        #expect(accounts.lastRun?.created == 1)
        #expect(accounts.running == nil)
        let contacts = try #require(report.jobs.last)
        #expect(!contacts.enabled)
        #expect(contacts.lastRun == nil)
        #expect(contacts.nextRun == nil)
    }

    @Test("/metrics is valid Prometheus text with the runs, records, durations and last success")
    func metrics() async throws {
        let reply = try await Fixture().get("/metrics")
        #expect(reply.status == 200)
        #expect(reply.type == "text/plain; version=0.0.4; charset=utf-8")
        let metrics = try PrometheusText(parsing: reply.body)
        #expect(metrics.family("syncline_runs_total")?.type == "counter")
        #expect(metrics.value("syncline_runs_total", ["job": "accounts", "status": "succeeded"]) == 1)
        #expect(metrics.value("syncline_records_total", ["job": "accounts", "outcome": "created"]) == 1)
        #expect(metrics.value("syncline_records_total", ["job": "accounts", "outcome": "rejected"]) == 0)
        #expect(metrics.family("syncline_run_duration_seconds")?.type == "histogram")
        #expect(metrics.value("syncline_run_duration_seconds_count", ["job": "accounts"]) == 1)
        #expect(metrics.value("syncline_last_success_timestamp_seconds", ["job": "accounts"]) == 1_804_680_000)
        #expect(metrics.family("syncline_run_errors_total") == nil)
    }

    @Test("the status page lists the jobs, escapes what jobs say, and links each job's page")
    func overview() async throws {
        let reply = try await Fixture().get("/")
        #expect(reply.status == 200)
        #expect(reply.type == "text/html; charset=utf-8")
        #expect(reply.body.hasPrefix("<!doctype html>"))
        #expect(reply.body.contains(#"<a href="/jobs/accounts">accounts</a>"#))
        #expect(reply.body.contains(#"<a href="/jobs/contacts">contacts</a>"#))
        #expect(reply.body.contains("never (disabled)"))
        #expect(reply.body.contains("2027-03-10T23:00:00-07:00"))
        #expect(!reply.body.contains("<script>alert"))
    }

    @Test("a job's page shows its runs and plan with its own words escaped")
    func jobPage() async throws {
        let reply = try await Fixture().get("/jobs/accounts")
        #expect(reply.status == 200)
        #expect(reply.type == "text/html; charset=utf-8")
        #expect(reply.body.contains("<h1>accounts</h1>"))
        #expect(
            reply.body.contains(
                "Accounts &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;friends&quot; &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!reply.body.contains("<script>alert"))
        #expect(reply.body.contains("succeeded"))
        #expect(reply.body.contains("0 23 * * *"))
    }

    @Test("an unknown job or path is a 404 that says what is missing")
    func notFound() async throws {
        let fixture = try await Fixture()
        let job = try await fixture.get("/jobs/nope")
        #expect(job.status == 404)
        #expect(job.body == "no job 'nope'")
        let escaped = try await fixture.get("/jobs/%3Cb%3E")
        #expect(escaped.status == 404)
        #expect(escaped.type == "text/plain; charset=utf-8")
        #expect(try await fixture.get("/nothing-here").status == 404)
    }
}

@Suite("The Prometheus text parser")
struct PrometheusTextTests {
    @Test("it reads families, labels with escapes, special values and histograms")
    func valid() throws {
        let text = """
            # HELP requests_total Requests.
            # TYPE requests_total counter
            requests_total{path="/a \\"b\\"",code="200"} 3
            requests_total{path="x\\\\y\\nz",code="500"} 1e3 1700000000000
            # TYPE temperature gauge
            temperature -Inf
            # TYPE latency histogram
            latency_bucket{le="0.5"} 1
            latency_bucket{le="+Inf"} 2
            latency_sum 1.5
            latency_count 2

            """
        let parsed = try PrometheusText(parsing: text)
        #expect(parsed.families.map(\.name) == ["requests_total", "temperature", "latency"])
        #expect(parsed.family("requests_total")?.help == "Requests.")
        #expect(parsed.value("requests_total", ["path": #"/a "b""#]) == 3)
        #expect(parsed.value("requests_total", ["path": "x\\y\nz"]) == 1000)
        #expect(parsed.value("temperature") == -.infinity)
        #expect(parsed.value("latency_count") == 2)
    }

    @Test(
        "it rejects what Prometheus rejects",
        arguments: [
            ("9bad 1", "line 1: '9bad 1' does not start with a metric name"),
            ("a{b=\"c} 1", "line 1: unterminated value of label 'b'"),
            ("a{b=\"\\x\"} 1", "line 1: bad escape in the value of label 'b'"),
            ("a{b=c} 1", "line 1: label 'b' has no quoted value"),
            ("a{b=\"1\",b=\"2\"} 1", "line 1: label 'b' appears twice"),
            ("a one", "line 1: 'one' is not a value"),
            ("a 1 2 3", "line 1: expected 'value [timestamp]' after the name in 'a 1 2 3'"),
            ("a 1\n# TYPE a counter", "line 2: # TYPE for 'a' after its samples"),
            ("# TYPE a counter\na 1\nb 1\na 2", "line 4: samples of 'a' are split apart by another family"),
            ("# TYPE a countr", "line 1: 'countr' is not a metric type"),
            (
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1",
                "line 4: histogram 'h': bucket counts decrease for [:]"
            ),
            (
                "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1",
                "line 3: histogram 'h': no +Inf bucket for [:]"
            ),
        ]
    )
    func invalid(text: String, message: String) {
        #expect(throws: (any Error).self) { try PrometheusText(parsing: text) }
        do {
            _ = try PrometheusText(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
