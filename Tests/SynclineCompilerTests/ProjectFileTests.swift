import Foundation
import SynclineCompiler
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("The project file: located diagnostics, connections and defaults")
struct ProjectFileTests {
    static let fixtures = RepositoryPaths.fixtures().appendingPathComponent("projects")

    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// Renders diagnostics with their source excerpts, as `validate` prints them.
    static func render(_ diagnostics: [Diagnostic], valid: Bool) -> String {
        let root = RepositoryPaths.fixtures()
        var renderer = DiagnosticRenderer { file in
            try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        }
        return (diagnostics.map { renderer.render($0) } + [valid ? "valid" : "invalid"]).joined(separator: "\n")
            + "\n"
    }

    static func compileProject(_ name: String) -> ProjectCompilation {
        ProjectCompiler(catalog: TestJobs.catalog).compile(
            fileAt: fixtures.appendingPathComponent("\(name).yaml"), displayName: "projects/\(name).yaml")
    }

    static func compileJob(_ name: String, project: Project) -> Compilation {
        JobCompiler(catalog: TestJobs.catalog, project: project).compile(
            fileAt: fixtures.appendingPathComponent("jobs/\(name).yaml"), displayName: "projects/jobs/\(name).yaml")
    }

    @Test("each project fixture's diagnostics match its golden file", arguments: cases)
    func golden(name: String) {
        let compilation = Self.compileProject(name)
        let actual = Self.render(compilation.diagnostics, valid: compilation.isValid)
        if let mismatch = Golden.mismatch(actual, goldenFile: Self.fixtures.appendingPathComponent("\(name).expected"))
        {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test(
        "a job naming a connection the project lacks, or one of another connector, is located with a suggestion",
        arguments: ["unknown-connection", "wrong-connector"])
    func jobConnections(name: String) throws {
        let project = try #require(Self.compileProject("valid").project)
        let compilation = Self.compileJob(name, project: project)
        let actual = Self.render(compilation.diagnostics, valid: compilation.isValid)
        let golden = Self.fixtures.appendingPathComponent("jobs/\(name).expected")
        if let mismatch = Golden.mismatch(actual, goldenFile: golden) { Issue.record(Comment(rawValue: mismatch)) }
    }

    @Test("without a project file, a job naming a connection is told to add one or write the connection out")
    func noProject() {
        let compilation = Self.compileJob("unknown-connection", project: .none)
        #expect(
            compilation.diagnostics.map(\.message) == [
                "no connection 'gong-us'; there is no project file (syncline.yaml) to define it: add one, or write the connection out"
            ])
    }

    @Test("a job using the project's connection carries it whole in its plan, and the project's default flow")
    func usesProject() throws {
        let project = try #require(Self.compileProject("valid").project)
        #expect(project.timezone == "Europe/Paris")
        let plan = try #require(Self.compileJob("uses-project", project: project).plan)
        #expect(
            plan.connection
                == Plan.Connection(
                    name: "gong", connector: "gong", baseURL: "${GONG_BASE_URL:-https://us-12345.api.gong.io}",
                    secrets: [
                        "access_key": .environment("GONG_ACCESS_KEY"),
                        "access_key_secret": .file("/run/secrets/gong-secret"),
                    ], dailyRequestBudget: 5000))
        let flow = try #require(plan.attributes.first { $0.name == "flow" })
        #expect(flow.expression == .constant("onboarding"))
        #expect(flow.isDefault)
        // The other connection takes the connector's defaults: its base URL and request budget.
        #expect(project.connections["gong-eu"]?.baseURL == "https://api.gong.io")
        #expect(project.connections["gong-eu"]?.dailyRequestBudget == 9000)
    }

    @Test("changing the project's connection or default changes the plans that use them, and nothing else")
    func changesReachPlans() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOf: Self.fixtures.appendingPathComponent("valid.yaml"), encoding: .utf8)
        func hash(_ project: String) throws -> String {
            let url = try directory.write(project, to: "syncline.yaml")
            let compiled = try #require(
                ProjectCompiler(catalog: TestJobs.catalog).compile(fileAt: url, displayName: "syncline.yaml").project)
            return try #require(Self.compileJob("uses-project", project: compiled).compiled?.contentHash)
        }
        let base = try hash(original)
        #expect(try hash("# comment\n" + original) == base)
        #expect(try hash(original.replacingOccurrences(of: "timezone: Europe/Paris", with: "timezone: UTC")) == base)
        #expect(try hash(original.replacingOccurrences(of: "5000", with: "4000")) != base)
        #expect(try hash(original.replacingOccurrences(of: "GONG_ACCESS_KEY}", with: "OTHER_KEY}")) != base)
        #expect(try hash(original.replacingOccurrences(of: "flow: onboarding", with: "flow: renewal")) != base)
        #expect(try hash(original.replacingOccurrences(of: "GONG_EU_TOKEN", with: "X")) == base)  // another one
    }

    @Test("a mapped flow wins over the default, and a template's lock over both")
    func mappedFlow() throws {
        let project = try #require(Self.compileProject("valid").project)
        let directory = try TemporaryDirectory()
        let job = try String(
            contentsOf: Self.fixtures.appendingPathComponent("jobs/uses-project.yaml"), encoding: .utf8)
        let url = try directory.write(
            job.replacingOccurrences(of: "../../templates/gong-touchpoints.yaml", with: "template.yaml")
                + "  flow: {const: expansion}\n", to: "jobs/x.yaml")
        try directory.write(
            try String(
                contentsOf: RepositoryPaths.fixtures().appendingPathComponent("templates/gong-touchpoints.yaml"),
                encoding: .utf8), to: "jobs/template.yaml")
        let plan = try TestJobs.compile(url, project: project).plan
        let flow = try #require(plan.attributes.first { $0.name == "flow" })
        #expect(flow.expression == .constant("expansion"))
        #expect(!flow.isDefault)
    }
}
