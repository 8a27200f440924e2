import Foundation
import SynclineCompiler
import SynclineConnectors
import SynclineCore
import SynclineTestSupport
import Testing

@Suite("Compiler diagnostics, as the user sees them")
struct DiagnosticGoldenTests {
    static let fixtures = RepositoryPaths.fixtures()
    /// When the fixtures are compiled: daylight-saving warnings name the changes of the year after it.
    static let now = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z

    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// Compiles `Fixtures/<name>.yaml` and renders its diagnostics with source excerpts, as `validate` prints them.
    static func render(_ name: String) -> String {
        var compiler = JobCompiler(catalog: TestJobs.catalog)
        compiler.now = { Self.now }
        let compilation = compiler.compile(
            fileAt: fixtures.appendingPathComponent("\(name).yaml"), displayName: "Fixtures/\(name).yaml"
        )
        let root = fixtures.deletingLastPathComponent()
        var renderer = DiagnosticRenderer { file in
            try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        }
        let lines = compilation.diagnostics.map { renderer.render($0) }
        return (lines + [compilation.isValid ? "valid" : "invalid"]).joined(separator: "\n") + "\n"
    }

    @Test("each fixture's diagnostics match its golden file", arguments: cases)
    func golden(name: String) {
        let golden = Self.fixtures.appendingPathComponent("\(name).expected")
        if let mismatch = Golden.mismatch(Self.render(name), goldenFile: golden) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test("there are fixtures to check")
    func fixturesExist() {
        #expect(Self.cases.count >= 10)
    }
}
