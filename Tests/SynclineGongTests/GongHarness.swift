import Foundation
import GRDB
import InMemoryLogging
import Logging
import SynclineCompiler
import SynclineConnectors
import SynclineCore
import SynclineEngine
import SynclineSandbox
import SynclineStore
import SynclineTestSupport

/// A Gong sandbox on 127.0.0.1 (port 0), a staging database, and the real engine with the real Gong connector
/// speaking HTTP to it. Retry and rate-limit waits run on an instant clock; logs are captured.
struct GongHarness {
    static let root = RepositoryPaths.root()
    /// 2026-03-10T12:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_773_144_000)

    let directory: TemporaryDirectory
    let store: StagingStore
    let clock: TestClock
    let sandbox: GongSandbox
    let logs = InMemoryLogHandler()
    let waits = InstantClock()
    let policy: GongClient.Policy
    let sliceLength: TimeInterval

    /// The secret the sandbox expects; tests prove it never leaks.
    static let secret = "s3cret-Gong-k3y-Value"

    /// `bearerToken` is a token the sandbox accepts besides the access key and secret.
    init(
        calls: [[String: Any]], users: [[String: Any]] = GongHarness.users(), pageSize: Int = 100,
        sliceLength: TimeInterval = 30 * 86_400, bearerToken: String? = nil,
        adjust: (inout GongClient.Policy) -> Void = { _ in }
    ) throws {
        var policy = GongClient.Policy()
        policy.requestsPerSecond = 1000
        adjust(&policy)
        self.policy = policy
        self.sliceLength = sliceLength
        directory = try TemporaryDirectory()
        store = try StagingStore(path: directory.path("staging.db"))
        clock = TestClock(Self.start)
        sandbox = GongSandbox(
            data: try GongSandboxData(users: users, calls: calls),
            configuration: GongSandboxConfiguration(
                accessKey: "key-id", accessKeySecret: Self.secret, bearerToken: bearerToken, pageSize: pageSize)
        )
        let template = try String(
            contentsOf: Self.root.appendingPathComponent("jobs/templates/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(template, to: "templates/gong-touchpoints.yaml")
        let project = try TestJobs.shippedProject()
        for job in ["gong-touchpoints", "gong-users"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent("jobs/\(job).yaml"), encoding: .utf8)
            let url = try directory.write(text, to: "\(job).yaml")
            _ = try store.apply(try TestJobs.compile(url, project: project), sourceFile: job, now: Self.start)
        }
        try seedAccounts([("A1", "Acme", "acme.example"), ("B2", "Globex", "globex.example")])
    }

    /// Compiles `yaml` as job file `<name>.yaml` with `project` (the shipped one by default) and applies it.
    func applyJob(_ yaml: String, as name: String, project: Project? = nil) throws {
        let url = try directory.write(yaml, to: "\(name).yaml")
        let compiled = try TestJobs.compile(url, project: try project ?? TestJobs.shippedProject())
        _ = try store.apply(compiled, sourceFile: name, now: clock.now)
    }

    /// Compiles `yaml` as this harness's project file (`syncline.yaml` in its folder).
    ///
    /// Throws `TestJobError` with the rendered diagnostics when it does not compile.
    func project(_ yaml: String) throws -> Project {
        let url = try directory.write(yaml, to: ProjectCompiler.fileName)
        let compilation = ProjectCompiler(catalog: TestJobs.catalog).compile(
            fileAt: url, displayName: ProjectCompiler.fileName)
        guard let project = compilation.project else { throw TestJobError(compilation.diagnostics) }
        return project
    }

    /// Inserts accounts with one domain each, as an accounts job would have loaded them (moving the reference
    /// version forward, as such a load does).
    func seedAccounts(_ accounts: [(id: String, name: String, domain: String)]) throws {
        let queue = try DatabaseQueue(path: directory.path("staging.db"))
        try queue.write { db in
            try db.execute(sql: "UPDATE reference_state SET version = version + 1")
            for account in accounts {
                try db.execute(
                    sql:
                        "INSERT INTO accounts (account_id, account_name, source_job, created_at, updated_at) VALUES (?, ?, 'test', '', '')",
                    arguments: [account.id, account.name]
                )
                try db.execute(
                    sql: "INSERT INTO account_domains (domain, account_id) VALUES (?, ?)",
                    arguments: [account.domain, account.id]
                )
            }
        }
    }

    /// Calls in the documented CallData shape: `count` calls, one per hour going back from `start`, each with an
    /// internal host and an Acme participant.
    static func calls(_ count: Int, hoursApart: Double = 1, idBase: UInt64 = callIDBase) -> [[String: Any]] {
        (0..<count).map { index in
            let id = String(idBase + UInt64(index))
            let started = started(index, hoursApart: hoursApart)
            return [
                "metaData": [
                    "id": id, "url": "https://us-40213.app.gong.io/call?id=\(id)", "title": "Call \(index)",
                    "scheduled": Instant.preciseText(started), "started": Instant.preciseText(started),
                    "duration": 1800,
                    "primaryUserId": "234599484848423", "direction": "Conference", "system": "Zoom",
                    "scope": "External",
                    "media": "Video", "language": "eng", "workspaceId": "623457276584334", "purpose": NSNull(),
                    "isPrivate": false,
                ],
                "context": [],
                "parties": [
                    [
                        "id": "1", "emailAddress": "jon.snow@northwind.example", "name": "Jon Snow",
                        "affiliation": "Internal", "userId": "234599484848423", "methods": ["Invitee"],
                    ],
                    [
                        "id": "2", "emailAddress": "buyer\(index)@acme.example", "name": "Buyer",
                        "affiliation": "External", "methods": ["Attendee"],
                    ],
                ],
                "content": [
                    "brief": "Brief \(index).", "keyPoints": [["text": "Point"]],
                    "topics": [["name": "Pricing", "duration": 60]],
                ],
            ]
        }
    }

    /// The first call id `calls(_:)` makes; the others count up from it (all 19 digits, so they sort as numbers).
    static let callIDBase: UInt64 = 7_000_000_000_000_000_000

    /// When call `index` of `calls(_:)` started: `index + 1` times `hoursApart` hours before `start`.
    static func started(_ index: Int, hoursApart: Double = 1) -> Date {
        start.addingTimeInterval(-Double(index + 1) * hoursApart * 3600)
    }

    /// The ids of calls `indices` of `calls(_:)` (default id base), sorted as `touchpointIDs()` returns them.
    static func callIDs(_ indices: some Sequence<Int>) -> [String] {
        indices.map { String(callIDBase + UInt64($0)) }.sorted()
    }

    /// The documented user, at the company's domain.
    static func users() -> [[String: Any]] {
        [
            [
                "id": "234599484848423", "emailAddress": "jon.snow@northwind.example",
                "created": "2018-02-17T02:30:00-08:00",
                "active": true, "emailAliases": [], "firstName": "Jon", "lastName": "Snow",
                "title": "Account Executive",
            ]
        ]
    }

    /// Runs `body` with the sandbox listening; the URL is its base.
    func withSandbox<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        try await sandbox.serving { port in try await body("http://127.0.0.1:\(port)") }
    }

    /// An engine whose Gong connector talks to `baseURL` with this harness's clock, waits and logs; `environment`
    /// adds variables (a bearer token) to the base URL, access key and `secret`.
    func engine(
        baseURL: String, secret: String = GongHarness.secret, environment extra: [String: String] = [:],
        batchSize: Int = 1_000
    ) -> SyncEngine {
        let environment = ["GONG_BASE_URL": baseURL, "GONG_ACCESS_KEY": "key-id", "GONG_ACCESS_KEY_SECRET": secret]
            .merging(extra) { _, new in new }
        let logger = logs.logger()
        let policy = self.policy
        let waits = self.waits
        let sliceLength = self.sliceLength
        let registry = ConnectorRegistry([GongConnector(policy: policy, clock: waits, sliceLength: sliceLength)])
        let context = SourceContext(workingDirectory: directory.url, logger: logger)
        return SyncEngine(
            store: store,
            makeSource: { plan, connection in try registry.source(for: plan, connection: connection, context: context)
            },
            environment: environment,
            now: { [clock] in clock.now }, batchSize: batchSize,
            logger: logger, processID: 1, host: "test", isAlive: { _, _, _ in false }
        )
    }

    /// Touchpoint ids, sorted.
    func touchpointIDs() throws -> [String] {
        try store.query("SELECT touchpoint_id FROM touchpoints ORDER BY touchpoint_id").rows.compactMap { $0[0] }
    }

    /// Every text value in every table, for proving a secret never reached the database.
    func databaseText() throws -> String {
        let tables = try store.query("SELECT name FROM sqlite_master WHERE type = 'table'").rows.compactMap { $0[0] }
        return try tables.map { table in
            try store.query("SELECT * FROM \"\(table)\"").rows.map { $0.compactMap { $0 }.joined(separator: "|") }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
