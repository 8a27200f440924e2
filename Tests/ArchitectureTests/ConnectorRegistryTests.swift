import Foundation
import SynclineTestSupport
import Testing

/// A connector is one folder under `Sources/SynclineConnectors/` and one line in the executable's registry: no
/// other source file names it.
@Suite("Each connector lives in one folder and one registry line")
struct ConnectorRegistryTests {
    static let sources = RepositoryPaths.root().appendingPathComponent("Sources")
    static let connectors = sources.appendingPathComponent("SynclineConnectors")
    /// The executable's one list of connectors.
    static let registry = "syncline/Support/Connectors.swift"

    /// Whether `text` picks a connector by name: compares with, switches on, or makes a connector id of `id`.
    /// (The word alone is no evidence: `{file: PATH}` secrets and `syncline sandbox gong` are other things.)
    static func dispatches(on id: String, in text: String) -> Bool {
        let literal = "\"\(id)\""
        return ["== ", "!= ", "case ", "ConnectorID(", "connector: "].contains { text.contains($0 + literal) }
    }

    /// A connector found in its folder: the folder, its id and the types it declares.
    struct Found {
        var folder: String
        var id: String
        var types: Set<String>
    }

    static func swiftFiles(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { files.append(url) }
        }
        return files
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every folder of SynclineConnectors that declares a `…Connector: Connector`, with its id and types.
    static func found() throws -> [Found] {
        let folders = try FileManager.default.contentsOfDirectory(atPath: connectors.path).sorted()
        var result: [Found] = []
        for folder in folders {
            let files = swiftFiles(under: connectors.appendingPathComponent(folder))
            let texts = try files.map(text)
            guard texts.contains(where: { $0.contains(": Connector {") }) else { continue }
            var types: Set<String> = []
            var id: String?
            for text in texts {
                for line in text.split(separator: "\n") {
                    // Top-level declarations only: nested types (`Iterator`, `Outcome`) are the folder's own business.
                    guard let first = line.first, !first.isWhitespace else { continue }
                    let words = line.split(whereSeparator: { " (<:{".contains($0) }).map(String.init)
                    for (index, word) in words.enumerated()
                    where ["struct", "enum", "class", "actor", "protocol", "typealias"].contains(word)
                        && index + 1 < words.count
                    {
                        types.insert(words[index + 1])
                    }
                }
                for line in text.split(separator: "\n") {
                    if line.contains("static let id: ConnectorID = \""),
                        let value = line.split(separator: "\"").dropFirst().first
                    {
                        id = String(value)
                    }
                }
            }
            result.append(Found(folder: folder, id: id ?? "", types: types))
        }
        return result
    }

    @Test("there are connectors, each with its id declared in its folder")
    func connectorsFound() throws {
        let found = try Self.found()
        #expect(found.map(\.folder) == ["File", "Gong", "Webex"])
        #expect(found.allSatisfy { !$0.id.isEmpty && !$0.types.isEmpty })
    }

    @Test("no source file outside a connector's folder and the registry names the connector or its types")
    func confined() throws {
        for connector in try Self.found() {
            let folder = Self.connectors.appendingPathComponent(connector.folder).path + "/"
            for url in Self.swiftFiles(under: Self.sources) where !url.path.hasPrefix(folder) {
                let relative = String(url.path.dropFirst(Self.sources.path.count + 1))
                guard relative != Self.registry else { continue }
                let text = try Self.text(url)
                let words = Set(
                    text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init))
                // Test support registers the connectors tests run with (a test below checks it matches the registry).
                for type in connector.types.intersection(words).sorted()
                where !(relative.hasPrefix("SynclineTestSupport/") && type.hasSuffix("Connector")) {
                    Issue.record("\(relative) names \(type), which belongs to the \(connector.id) connector's folder")
                }
                if Self.dispatches(on: connector.id, in: text), !relative.hasPrefix("SynclineTestSupport/") {
                    Issue.record("\(relative) picks the \(connector.id) connector by its name")
                }
            }
        }
    }

    @Test("the registry lists every connector folder once, and the tests register the same connectors")
    func registryLists() throws {
        let registry = try Self.text(Self.sources.appendingPathComponent(Self.registry))
        let tests = try Self.text(Self.sources.appendingPathComponent("SynclineTestSupport/TestJobs.swift"))
        for connector in try Self.found() {
            let name = connector.types.first { $0.hasSuffix("Connector") && $0 != "Connector" } ?? "?"
            #expect(registry.components(separatedBy: "        \(name)(").count == 2, "\(name) once in the registry")
            #expect(tests.contains("        \(name)("), "\(name) in TestJobs.registry")
        }
    }
}
