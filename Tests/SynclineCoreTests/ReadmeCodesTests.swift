import Foundation
import SynclineCore
import SynclineTestSupport
import Testing

/// The README documents every stable code users and analysts meet: a new code without a line there fails here.
@Suite("The README lists every diagnostic and rejection code")
struct ReadmeCodesTests {
    static let readme =
        (try? String(
            contentsOf: RepositoryPaths.root().appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The README's table rows (lines starting with `|`).
    static var rows: [Substring] { readme.split(separator: "\n").filter { $0.hasPrefix("|") } }

    @Test("every diagnostic code has a row in the diagnostics table", arguments: Diagnostic.Code.allCases)
    func diagnostic(code: Diagnostic.Code) {
        #expect(Self.rows.contains { $0.contains("`\(code.rawValue)`") }, "README lacks `\(code.rawValue)`")
    }

    @Test("every rejection code has a row in the rejection table", arguments: RejectionCode.allCases)
    func rejection(code: RejectionCode) {
        #expect(Self.rows.contains { $0.contains("`\(code.rawValue)`") }, "README lacks `\(code.rawValue)`")
    }
}
