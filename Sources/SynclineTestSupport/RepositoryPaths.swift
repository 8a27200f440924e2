package import Foundation

/// Paths inside this repository, found from a test file's `#filePath`.
package enum RepositoryPaths {
    /// The repository root: the nearest folder above `filePath` that holds `Package.swift`.
    package static func root(from filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(filePath)")  // our own bug: tests live in the repository
    }

    /// The `Fixtures` folder beside the test file at `filePath`.
    package static func fixtures(from filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }
}
