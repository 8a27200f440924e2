import Foundation
import SynclineTestSupport
import Testing

/// The module table of the house style: what each module may import (its own and third-party modules).
@Suite("Module dependencies point one way")
struct ImportRulesTests {
    static let allowed: [String: Set<String>] = [
        "SynclineCore": ["Foundation"],
        "SynclineSpec": ["Foundation", "SynclineCore", "Yams"],
        "SynclineCompiler": ["Foundation", "SynclineCore", "SynclineSpec", "Crypto", "Mustache"],
        "SynclineStore": ["Foundation", "SynclineCore", "GRDB", "CSQLiteConfig", "Crypto"],
        // A C target: no Swift imports; listed because every folder in Sources is a module with a row here.
        "CSQLiteConfig": [],
        "SynclineConnectors": [
            "Foundation", "SynclineCore", "CSV", "Glibc", "Darwin", "AsyncHTTPClient", "NIOCore", "NIOHTTP1",
            "NIOFoundationCompat", "Logging",
        ],
        "SynclineEngine": ["Foundation", "SynclineCore", "SynclineStore", "Mustache", "Logging", "AsyncAlgorithms"],
        "SynclineSandbox": ["Foundation", "SynclineCore", "Hummingbird", "NIOCore", "Logging", "Synchronization"],
        "SynclineRunner": [
            "Foundation", "SynclineCore", "SynclineEngine", "SynclineStore", "ServiceLifecycle", "Hummingbird",
            "Metrics", "CoreMetrics", "Prometheus", "Mustache", "Logging", "NIOCore", "Synchronization", "UnixSignals",
        ],
        // Test support compiles jobs as the executable does, so it may reach the compiler and the connectors;
        // it starts a headless browser with posix_spawn (Glibc).
        "SynclineTestSupport": [
            "Foundation", "SynclineCore", "SynclineCompiler", "SynclineConnectors", "Synchronization", "Logging",
            "InMemoryLogging", "Glibc",
        ],
    ]

    /// Modules only the executables may import (they wire the real parts).
    static let executables: Set<String> = ["syncline", "SynclineBench"]

    static let sources = RepositoryPaths.root().appendingPathComponent("Sources")

    static func imports(of module: String) throws -> [String: Set<String>] {
        let folder = sources.appendingPathComponent(module)
        var found: [String: Set<String>] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({
                        ["package", "public", "internal", "private", "fileprivate", "@testable", "@preconcurrency"]
                            .contains($0)
                    })
                else { continue }
                found[words[index + 1].split(separator: ".").first.map(String.init) ?? "", default: []].insert(file)
            }
        }
        return found
    }

    @Test("every module imports only what the house style's table allows")
    func directImports() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter {
            !$0.hasPrefix(".")
        }
        for module in modules where !Self.executables.contains(module) {
            let rules = try #require(Self.allowed[module], "module \(module) is missing from the import table")
            // FoundationEssentials is the part of Foundation that a file may import alone.
            let permitted = rules.union(rules.contains("Foundation") ? ["FoundationEssentials"] : [])
            for (imported, files) in try Self.imports(of: module) where !permitted.contains(imported) {
                Issue.record(
                    "\(module) imports \(imported) (in \(files.sorted().joined(separator: ", "))), which the table does not allow"
                )
            }
        }
    }

    @Test("no module reaches another through a third: the allowed graph has no path back")
    func transitiveImports() throws {
        let ours = Set(Self.allowed.keys)
        func reachable(from module: String) -> Set<String> {
            var seen: Set<String> = []
            var stack = [module]
            while let next = stack.popLast() {
                for dependency in Self.allowed[next] ?? []
                where ours.contains(dependency) && seen.insert(dependency).inserted {
                    stack.append(dependency)
                }
            }
            return seen
        }
        for module in ours {
            #expect(!reachable(from: module).contains(module), "\(module) depends on itself through other modules")
        }
        #expect(!reachable(from: "SynclineEngine").contains("SynclineSpec"), "the engine runs plans, never YAML")
        #expect(reachable(from: "SynclineCompiler").isDisjoint(with: ["SynclineStore", "SynclineEngine"]))
    }

    @Test("only the store imports GRDB and its SQLite shim, and only the spec reader imports Yams")
    func confinedLibraries() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter {
            !$0.hasPrefix(".")
        }
        for module in modules {
            let imported = try Self.imports(of: module)
            if module != "SynclineStore" { #expect(imported["GRDB"] == nil, "\(module) imports GRDB") }
            if module != "SynclineStore" {
                #expect(imported["CSQLiteConfig"] == nil, "\(module) imports CSQLiteConfig")
            }
            if module != "SynclineSpec" { #expect(imported["Yams"] == nil, "\(module) imports Yams") }
        }
    }
}
