import Foundation
import SynclineCore
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Plans in the staging database")
struct PlanStoreTests {
    private static let root = RepositoryPaths.root()
    private let directory: TemporaryDirectory
    private let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        directory = try TemporaryDirectory()
        let template = try String(
            contentsOf: Self.root.appendingPathComponent("jobs/templates/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(template, to: "templates/gong-touchpoints.yaml")
    }

    private func apply(_ text: String, to store: StagingStore) throws -> ApplyOutcome {
        let url = try directory.write(text, to: "gong-touchpoints.yaml")
        let compiled = try TestJobs.compile(url, project: try TestJobs.shippedProject())
        return try store.apply(compiled, sourceFile: "gong-touchpoints.yaml", now: now)
    }

    private var job: String {
        get throws {
            try String(contentsOf: Self.root.appendingPathComponent("jobs/gong-touchpoints.yaml"), encoding: .utf8)
        }
    }

    @Test("an empty database migrates to the documented schema, every migration recorded in order")
    func migratesEmptyDatabase() throws {
        let store = try StagingStore(path: directory.path("staging.db"))
        let files = try StagingStore.migrationFiles().map { $0.deletingPathExtension().lastPathComponent }
        #expect(files.first == "0001_plans")
        #expect(try store.appliedMigrations() == files)
        let tables = try store.query(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name"
        )
        #expect(
            Set(tables.rows.map { $0[0] ?? "" }).isSuperset(of: [
                "jobs", "plans", "plan_attributes", "plan_source_fields", "current_plans",
            ]))
        #expect(try store.query("SELECT journal_mode FROM pragma_journal_mode").rows == [["wal"]])
    }

    @Test("applying the same job twice stores one version; an edit stores version 2")
    func versions() throws {
        let store = try StagingStore(path: directory.path("staging.db"))
        #expect(try apply(job, to: store) == .created(version: 1))
        #expect(try apply(job, to: store) == .unchanged(version: 1))
        let edited = try job.replacingOccurrences(of: "cron: \"0 23 * * *\"", with: "cron: \"0 22 * * *\"")
        #expect(try apply(edited, to: store) == .updated(version: 2))
        #expect(try apply(edited, to: store) == .unchanged(version: 2))
        #expect(
            try store.query("SELECT job, version FROM plans ORDER BY version").rows == [
                ["gong-touchpoints", "1"], ["gong-touchpoints", "2"],
            ])
        let current = try #require(try store.plan(for: "gong-touchpoints"))
        #expect(current.version == 2)
        #expect(current.plan.schedule.cron == "0 22 * * *")
        #expect(try store.plan(for: "gong-touchpoints", version: 1)?.plan.schedule.cron == "0 23 * * *")
        #expect(try store.plan(for: "nope") == nil)
    }

    @Test("a reverted edit is a new version, not a return to an old one")
    func revert() throws {
        let store = try StagingStore(path: directory.path("staging.db"))
        let edited = try job.replacingOccurrences(of: "0 23 * * *", with: "15 1 * * *")
        _ = try apply(job, to: store)
        _ = try apply(edited, to: store)
        #expect(try apply(job, to: store) == .updated(version: 3))
    }

    @Test("a disabled job is stored disabled, with attributes and their flags readable in plain SQL")
    func disabledAndFlags() throws {
        let store = try StagingStore(path: directory.path("staging.db"))
        _ = try apply(try job.replacingOccurrences(of: "enabled: true", with: "enabled: false"), to: store)
        #expect(try store.jobs().map(\.isEnabled) == [false])
        let rows = try store.query(
            "SELECT attribute, is_required, is_locked, locked_by FROM plan_attributes WHERE job = 'gong-touchpoints' AND attribute IN ('subject', 'account_id') ORDER BY attribute"
        ).rows
        #expect(rows == [["account_id", "1", "0", nil], ["subject", "0", "1", "gong-touchpoints"]])
    }

    @Test("the read-only connection refuses writes")
    func readOnly() throws {
        _ = try StagingStore(path: directory.path("staging.db"))
        let reader = try StagingStore(readingFrom: directory.path("staging.db"))
        #expect(throws: StoreError.self) { try reader.query("DELETE FROM jobs") }
        #expect(throws: StoreError.self) { try StagingStore(readingFrom: directory.path("missing.db")) }
    }
}
