package import Foundation

/// Compares output with a golden file; `SYNCLINE_RECORD=1` rewrites the file and reports a failure, so each new
/// golden file is read by a person before it is trusted.
package enum Golden {
    /// The outcome: nil when `actual` matches the file, else a message for the test to fail with.
    package static func mismatch(_ actual: String, goldenFile: URL) -> String? {
        let expected = try? String(contentsOf: goldenFile, encoding: .utf8)
        if ProcessInfo.processInfo.environment["SYNCLINE_RECORD"] == "1" {
            do {
                try Data(actual.utf8).write(to: goldenFile)
            } catch {
                return "cannot record \(goldenFile.path): \(error)"
            }
            return "recorded \(goldenFile.lastPathComponent); read it, then run again without SYNCLINE_RECORD"
        }
        guard let expected else {
            return "no golden file \(goldenFile.path); run with SYNCLINE_RECORD=1 to create it, then read it"
        }
        guard expected != actual else { return nil }
        return "output differs from \(goldenFile.lastPathComponent):\n--- expected\n\(expected)\n--- actual\n\(actual)"
    }
}
