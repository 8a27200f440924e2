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

    init(
        calls: [[String: Any]], users: [[String: Any]] = GongHarness.users(), pageSize: Int = 100,
        sliceLength: TimeInterval = 30 * 86_400, adjust: (inout GongClient.Policy) -> Void = { _ in }
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
                accessKey: "key-id", accessKeySecret: Self.secret, pageSize: pageSize)
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
    static func calls(_ count: Int, hoursApart: Double = 1, idBase: UInt64 = 7_000_000_000_000_000_000) -> [[String:
        Any]]
    {
        (0..<count).map { index in
            let id = String(idBase + UInt64(index))
            let started = start.addingTimeInterval(-Double(index + 1) * hoursApart * 3600)
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

    /// An engine whose Gong connector talks to `baseURL` with this harness's clock, waits and logs.
    func engine(baseURL: String, secret: String = GongHarness.secret) -> SyncEngine {
        let environment = ["GONG_BASE_URL": baseURL, "GONG_ACCESS_KEY": "key-id", "GONG_ACCESS_KEY_SECRET": secret]
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
            now: { [clock] in clock.now },
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
