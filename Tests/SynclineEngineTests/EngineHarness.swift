import Foundation
import GRDB
import Logging
import SynclineCompiler
import SynclineConnectors
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport

/// A staging database in a temporary folder, the shipped Gong template, a hand-moved clock and an in-memory
/// source: real SQLite, real compiler, real engine.
struct EngineHarness {
    static let root = RepositoryPaths.root()
    let directory: TemporaryDirectory
    let store: StagingStore
    let clock: TestClock
    let source: InMemorySource

    /// 2026-03-10T12:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_773_144_000)

    init(start: Date = EngineHarness.start) throws {
        directory = try TemporaryDirectory()
        store = try StagingStore(path: directory.path("staging.db"))
        clock = TestClock(start)
        source = InMemorySource()
        let template = try String(
            contentsOf: Self.root.appendingPathComponent("jobs/templates/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(template, to: "templates/gong-touchpoints.yaml")
    }

    /// Applies a touchpoints job named `name` that extends the shipped template with `extra` YAML appended.
    @discardableResult
    func applyTouchpointJob(_ name: String = "calls", lookback: String = "1h", backfill: String = "7d") throws -> Plan {
        try apply(
            """
            version: 1
            extends: gong-touchpoints
            connection:
              name: gong
              connector: gong
              secrets:
                bearer_token: {env: GONG_TOKEN}
            mapping:
              touchpoint_id: metaData.id
              account_id: {resolve: account, from: "parties[].emailAddress"}
            sync:
              initial_backfill: \(backfill)
              lookback: \(lookback)
            """,
            as: name
        )
    }

    /// Compiles and applies `yaml` as job `name`.
    @discardableResult
    func apply(_ yaml: String, as name: String) throws -> Plan {
        let url = try directory.write(yaml, to: "\(name).yaml")
        let compiled = try TestJobs.compile(url, project: .none)
        _ = try store.apply(compiled, sourceFile: "\(name).yaml", now: clock.now)
        return compiled.plan
    }

    /// Loads accounts, contacts and a team member, through the real reference jobs where there is one.
    func seedReferenceData() async throws {
        try directory.write(
            """
            account_id,account_name,domain
            A1,Acme,acme.example
            A1,Acme,acme-eu.example
            B2,Globex,globex.example
            C3,Initech,initech.example
            """,
            to: "accounts.csv"
        )
        try directory.write(
            """
            contact_id,email,account_id,display_name,title
            K1,li.chen@gmail.com,C3,Li Chen,CFO
            K2,sam@globex.example,B2,Sam,CTO
            """,
            to: "contacts.csv"
        )
        try apply(
            """
            version: 1
            source: {connector: file, object: csv, path: accounts.csv, fields: {account_id: string, account_name: string, domain: string}}
            target: {object: account, mode: upsert}
            mapping: {account_id: account_id, account_name: account_name, domain: domain}
            """,
            as: "accounts"
        )
        try apply(
            """
            version: 1
            source:
              connector: file
              object: csv
              path: contacts.csv
              fields: {contact_id: string, email: string, account_id: string, display_name: string, title: string}
            target: {object: contact, mode: upsert}
            mapping: {contact_id: contact_id, email: email, account_id: account_id, display_name: display_name}
            """,
            as: "contacts"
        )
        let files = engine(files: true)
        _ = try await files.sync(job: "accounts")
        _ = try await files.sync(job: "contacts")
        try execute(
            """
            INSERT INTO team_members (team_member_id, email, gong_user_id, source_job, created_at, updated_at)
            VALUES ('dana@northwind.example', 'dana@northwind.example', 'U1', 'test', '', '')
            """)
    }

    /// An engine over this harness's store and clock; the in-memory source, or real files under the folder.
    func engine(files: Bool = false, batchSize: Int = 2) -> SyncEngine {
        let source = self.source
        let directory = self.directory.url
        return SyncEngine(
            store: store,
            makeSource: { plan, connection in
                let context = SourceContext(
                    workingDirectory: directory,
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
                return plan.source.connector == "file" || files
                    ? try TestJobs.registry.source(for: plan, connection: connection, context: context) : source
            },
            environment: [:],
            now: { [clock] in clock.now },
            batchSize: batchSize,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            processID: 1, host: "test-host",
            isAlive: { _, _, _ in false }
        )
    }

    /// Syncs the job with the in-memory source.
    @discardableResult
    func sync(_ job: String = "calls", since: Date? = nil) async throws -> RunRecord {
        try await engine().sync(job: job, since: since)
    }

    /// Touchpoint ids in the staging database, sorted.
    func touchpointIDs() throws -> [String] {
        try store.query("SELECT touchpoint_id FROM touchpoints ORDER BY touchpoint_id").rows.compactMap { $0[0] }
    }

    /// Runs one SQL statement that writes, as an analyst or another tool would.
    func execute(_ sql: String) throws {
        let queue = try DatabaseQueue(path: directory.path("staging.db"))
        try queue.write { try $0.execute(sql: sql) }
    }

    /// The job's watermark.
    func watermark(_ job: String = "calls") throws -> Date? {
        try store.jobState(of: job).watermark
    }
}

/// Gong calls in the documented `/v2/calls/extensive` shape, made from a few facts.
enum Call {
    static func make(
        _ id: String, started: String, emails: [String] = ["dana@northwind.example", "li@acme.example"],
        host: String = "U1",
        title: String = "Call"
    ) -> Value {
        let parties = emails.enumerated().map { index, email -> Value in
            .object([
                ("id", .string("p\(index)")), ("emailAddress", .string(email)), ("name", .string("Person \(index)")),
                ("affiliation", .string(email.hasSuffix("northwind.example") ? "Internal" : "External")),
            ])
        }
        return .object([
            (
                "metaData",
                .object([
                    ("id", .string(id)), ("title", .string(title)), ("started", .string(started)),
                    ("duration", .int(1830)), ("primaryUserId", .string(host)),
                    ("url", .string("https://app.gong.io/call?id=\(id)")), ("purpose", .null),
                ])
            ),
            ("parties", .array(parties)),
            (
                "content",
                .object([
                    ("brief", .string("Brief of \(id)")), ("topics", .array([.object([("name", .string("Pricing"))])])),
                ])
            ),
        ])
    }

    /// A saved `/v2/calls/extensive` response page holding `calls`, as a drop folder receives it.
    static func page(_ calls: [Value]) -> String {
        "{\"requestId\":\"r\",\"records\":{\"totalRecords\":\(calls.count)},\"calls\":["
            + calls.map { $0.jsonText() }.joined(separator: ",") + "]}"
    }

    /// UTC text for an instant `hours` before the harness's start.
    static func hoursBefore(_ hours: Double, from start: Date = EngineHarness.start) -> String {
        Instant.preciseText(start.addingTimeInterval(-hours * 3600))
    }
}
