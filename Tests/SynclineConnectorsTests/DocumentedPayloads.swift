import Foundation
import SynclineCore
import SynclineTestSupport
import Testing

/// The publishers' documented payloads (`Fixtures/`) checked against a connector's catalogue.
enum DocumentedPayloads {
    static let fixtures = RepositoryPaths.fixtures()

    /// Every path to a value in `json`, arrays written `name[]`, objects stepped into.
    static func paths(in json: Any, prefix: String = "") -> Set<String> {
        var found: Set<String> = []
        if let object = json as? [String: Any] {
            for (key, value) in object {
                let path = prefix.isEmpty ? key : prefix + "." + key
                found.insert(path)
                found.formUnion(paths(in: value, prefix: path))
            }
        } else if let array = json as? [Any] {
            for element in array {
                found.formUnion(paths(in: element, prefix: prefix + "[]").subtracting([prefix + "[]"]))
            }
        }
        return found
    }

    /// The fixture `name`, a JSON object.
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Records an issue for each path of `json` (under `prefix`) that `record` does not have.
    static func expectAllResolve(_ json: Any, in record: FieldType, prefix: String = "") throws {
        let paths = paths(in: json, prefix: prefix)
        #expect(!paths.isEmpty)
        for text in paths.sorted() {
            let path = try #require(FieldPath(text), "not a path: \(text)")
            if case .failure = record.resolve(path) {
                Issue.record("documented field '\(text)' is missing from the catalogue")
            }
        }
    }
}
