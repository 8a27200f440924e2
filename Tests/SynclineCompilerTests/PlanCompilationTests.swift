import Foundation
import SynclineCompiler
import SynclineConnectors
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("Compiled plans")
struct PlanCompilationTests {
    static let root = RepositoryPaths.root()
    /// The shipped project file (its connections are the jobs').
    static let project = (try? TestJobs.shippedProject()) ?? .none

    static let shippedJobs: [String] = {
        let jobs = root.appendingPathComponent("jobs")
        let enumerator = FileManager.default.enumerator(atPath: jobs.path)
        var files: [String] = []
        while let file = enumerator?.nextObject() as? String {
            if file.hasSuffix(".yaml") { files.append("jobs/" + file) }
        }
        return files.sorted()
    }()

    private func compile(_ relativePath: String) -> Compilation {
        JobCompiler(catalog: TestJobs.catalog, project: Self.project).compile(
            fileAt: Self.root.appendingPathComponent(relativePath), displayName: relativePath
        )
    }

    @Test("every job and template shipped in jobs/ validates", arguments: shippedJobs)
    func shippedJobValidates(path: String) {
        let compilation = compile(path)
        var renderer = DiagnosticRenderer()
        #expect(compilation.isValid, "\(compilation.diagnostics.map { renderer.render($0) }.joined(separator: "\n"))")
    }

    @Test("jobs/ ships the Gong touchpoints job and its template")
    func shipsGongJobs() {
        #expect(Self.shippedJobs.contains("jobs/gong-touchpoints.yaml"))
        #expect(Self.shippedJobs.contains("jobs/templates/gong-touchpoints.yaml"))
    }

    @Test("the Gong job's plan carries the template's locks and requirements")
    func gongPlan() throws {
        let plan = try #require(compile("jobs/gong-touchpoints.yaml").plan)
        #expect(plan.job == "gong-touchpoints")
        #expect(plan.extends == ["gong-touchpoints"])
        #expect(
            plan.target
                == Plan.Target(object: "touchpoint", mode: .createOnly, key: "touchpoint_id", allowsNewObjects: true))
        let flags = plan.attributes.map { "\($0.name) required=\($0.isRequired) locked=\($0.lockedBy ?? "-")" }
        #expect(
            flags == [
                "touchpoint_id required=true locked=-",
                "account_id required=true locked=-",
                "subject required=false locked=gong-touchpoints",
                "created_by required=false locked=gong-touchpoints",
                "touchpoint_date required=true locked=gong-touchpoints",
                "touchpoint_type required=false locked=gong-touchpoints",
                "participants required=false locked=gong-touchpoints",
                "flow required=false locked=-",
                "body required=false locked=gong-touchpoints",
            ]
        )
        #expect(plan.attributes[5].expression == .constant("Web Meeting"))
        #expect(plan.attributes[7].expression == .constant("default"))
        #expect(plan.attributes[7].isDefault)
        #expect(plan.connection?.baseURL == "${GONG_BASE_URL:-https://api.gong.io}")
        #expect(
            plan.connection?.secrets == [
                "access_key": .environment("GONG_ACCESS_KEY"),
                "access_key_secret": .environment("GONG_ACCESS_KEY_SECRET"),
            ]
        )
        #expect(
            plan.sync
                == Plan.SyncSettings(
                    cursor: FieldPath("metaData.started"), initialBackfill: .seconds(604_800),
                    lookback: .seconds(86_400))
        )
        #expect(plan.schedule == Plan.Schedule(cron: "0 23 * * *", timezone: nil, syncsOnSave: false, isEnabled: true))
        let fields = plan.source.fields.map(\.path.description)
        #expect(fields.contains("content.keyPoints[].text"))
        #expect(fields.contains("parties[].affiliation"))  // participants read only the members they use
        #expect(!fields.contains("parties"))
        #expect(fields == fields.sorted())
    }

    @Test("a plan's JSON names secrets only by where they are read")
    func planJSONHasNoSecretValues() throws {
        let plan = try #require(compile("jobs/gong-touchpoints.yaml").plan)
        let json = String(decoding: plan.compiled().canonicalJSON, as: UTF8.self)
        #expect(json.contains("\"GONG_ACCESS_KEY_SECRET\""))
        #expect(try JSONDecoder().decode(Plan.self, from: plan.compiled().canonicalJSON) == plan)
    }

    @Test("the content hash ignores layout and comments but not meaning")
    func contentHash() throws {
        let directory = try TemporaryDirectory()
        let template = try String(
            contentsOf: Self.root.appendingPathComponent("jobs/templates/gong-touchpoints.yaml"), encoding: .utf8)
        try directory.write(template, to: "templates/gong-touchpoints.yaml")
        let job = try String(
            contentsOf: Self.root.appendingPathComponent("jobs/gong-touchpoints.yaml"), encoding: .utf8)
        let compiler = JobCompiler(catalog: TestJobs.catalog, project: Self.project)
        func hash(_ text: String) throws -> String {
            let url = try directory.write(text, to: "gong-touchpoints.yaml")
            return try #require(
                compiler.compile(fileAt: url, displayName: "gong-touchpoints.yaml").compiled?.contentHash)
        }
        let original = try hash(job)
        #expect(original.count == 64)
        #expect(
            try hash(
                "# a comment\n"
                    + job.replacingOccurrences(
                        of: "  touchpoint_id: metaData.id", with: "  touchpoint_id:   metaData.id   ")) == original)
        #expect(try hash(job.replacingOccurrences(of: "enabled: true", with: "enabled: false")) != original)
    }

    @Test("a disabled job compiles to a disabled schedule in its own time zone")
    func disabledSchedule() throws {
        let compilation = JobCompiler(catalog: TestJobs.catalog).compile(
            fileAt: RepositoryPaths.fixtures().appendingPathComponent("valid-override.yaml"),
            displayName: "valid-override.yaml"
        )
        let plan = try #require(compilation.plan)
        #expect(
            plan.schedule
                == Plan.Schedule(
                    cron: "30 6 * * MON-FRI", timezone: "Europe/Paris", syncsOnSave: false, isEnabled: false))
        #expect(plan.connection?.secrets["access_key_secret"] == .file("/run/secrets/gong-secret"))
    }
}
