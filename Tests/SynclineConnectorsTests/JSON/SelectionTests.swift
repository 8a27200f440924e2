import Foundation
import SynclineConnectors
import SynclineCore
import Testing

/// Selections keep exactly the selected parts of a document.
struct SelectionTests {
    @Test("A random selection yields exactly the oracle value pruned to that selection")
    func randomSelectionsMatchPrunedOracle() {
        var generator = ValueGenerator(seed: 11)
        var renderer = ScrambledRenderer(seed: 12)
        var failures = 0
        for caseIndex in 0..<1_500 where failures < 5 {
            let original = generator.container()
            let selection = generator.selection(for: original)
            let text = Array(renderer.render(original).utf8)
            guard let oracle = Oracle.value(of: text) else {
                failures += 1
                Issue.record("case \(caseIndex): Foundation rejected \(String(decoding: text, as: UTF8.self))")
                continue
            }
            let actual = pull(text, selection)
            let found =
                difference(actual, pruning(original, to: selection))
                ?? difference(actual.map(sortingKeys), pruning(oracle, to: selection), tolerant: true)
            if let found {
                failures += 1
                Issue.record("case \(caseIndex): \(found) for \(selection) in \(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    @Test("Members are kept in document order, absent members are omitted and scalars are kept as they are")
    func pruningRules() throws {
        let text = #"{"b": {"x": 1, "y": [1, {"z": 2, "w": 3}]}, "a": [{"k": 1, "j": 2}, 7, "s", null], "c": 5}"#
        let selection = Selection.members([
            "a": .members(["k": .all]),
            "b": .members(["y": .members(["w": .all])]),
            "missing": .all,
        ])
        let value = try JSONPull.parse(text, selection: selection)
        let expected = Value.object([
            (key: "b", value: .object([(key: "y", value: .array([.int(1), .object([(key: "w", value: .int(3))])]))])),
            (key: "a", value: .array([.object([(key: "k", value: .int(1))]), .int(7), .string("s"), .null])),
        ])
        #expect(value == expected)
    }

    @Test("Keys written with escapes match the selection by their decoded text")
    func escapedKeysMatch() throws {
        let text = #"{"na\u006De": 1, "\u00e9t\u00E9": {"d\"q": 2, "other": 3}, "😀": 4}"#
        let selection = Selection.members(["name": .all, "été": .members(["d\"q": .all]), "😀": .all])
        let value = try JSONPull.parse(text, selection: selection)
        #expect(value["name"] == .int(1))
        #expect(value["été"] == .object([(key: "d\"q", value: .int(2))]))
        #expect(value["😀"] == .int(4))
    }

    @Test("Duplicate keys are all kept in order and the subscript returns the first")
    func duplicateKeys() throws {
        let value = try JSONPull.parse(#"{"a": 1, "b": 2, "a": 3}"#, selection: Selection(paths: ["a"]))
        #expect(value == .object([(key: "a", value: .int(1)), (key: "a", value: .int(3))]))
        #expect(value["a"] == .int(1))
    }

    @Test("Dotted paths build a trie in which [] marks array elements")
    func pathsBuildTrie() {
        let selection = Selection(paths: ["metaData.id", "parties[].emailAddress", "content.topics[].name", "records"])
        #expect(
            selection
                == .members([
                    "metaData": .members(["id": .all]),
                    "parties": .members(["emailAddress": .all]),
                    "content": .members(["topics": .members(["name": .all])]),
                    "records": .all,
                ])
        )
    }

    @Test("A path with [] and the same path without it select the same thing")
    func bracketsAreOptional() {
        #expect(Selection(paths: ["parties[].emailAddress"]) == Selection(paths: ["parties.emailAddress"]))
        #expect(Selection(paths: ["calls.[].id"]) == Selection(paths: ["calls.id"]))
        #expect(Selection(paths: ["[].id"]) == .members(["id": .all]))
    }

    @Test("A member kept whole absorbs deeper paths in either order")
    func wholeMemberAbsorbsDeeperPaths() {
        #expect(Selection(paths: ["a", "a.b"]) == .members(["a": .all]))
        #expect(Selection(paths: ["a.b.c", "a"]) == .members(["a": .all]))
        #expect(
            Selection(paths: ["a.b", "a.c.d"]) == .members(["a": .members(["b": .all, "c": .members(["d": .all])])]))
    }

    @Test("No paths skip everything and an empty path keeps the whole document")
    func emptyPaths() {
        #expect(Selection(paths: [String]()) == .members([:]))
        #expect(Selection(paths: [""]) == .all)
        #expect(Selection(paths: ["x", "[]"]) == .all)
    }

    @Test("Reusing one reader with alternating selections uses the right selection each time")
    func alternatingSelections() throws {
        let text = Array("{\"a\":1,\"b\":2}\n{\"a\":3,\"b\":4}\n{\"a\":5,\"b\":6}\n".utf8)
        let onlyA = Selection(paths: ["a"])
        let onlyB = Selection(paths: ["b"])
        let values = try text.withUnsafeBytes { buffer throws(JSONPullError) in
            var reader = JSONPullReader(buffer)
            return [try reader.readNext(onlyA), try reader.readNext(onlyB), try reader.readNext(onlyA)]
        }
        #expect(
            values == [
                .object([(key: "a", value: .int(1))]), .object([(key: "b", value: .int(4))]),
                .object([(key: "a", value: .int(5))]),
            ])
    }
}
