import Foundation
import SynclineConnectors
import SynclineCore
import Testing

/// Random documents, rendered several ways, parsed with `.all` and compared with JSONSerialization's reading.
struct PropertyTests {
    /// How many random documents each property checks.
    static let caseCount = 1_000

    /// Records a failure for `text` unless `found` is `nil`; returns whether it recorded one.
    static func check(_ found: String?, _ caseIndex: Int, _ text: [UInt8]) -> Bool {
        guard let found else { return false }
        Issue.record("case \(caseIndex): \(found) in \(String(decoding: text, as: UTF8.self))")
        return true
    }

    @Test("Documents written by JSONSerialization parse to what JSONSerialization reads back")
    func foundationRenderings() {
        var generator = ValueGenerator(seed: 1)
        var failures = 0
        for caseIndex in 0..<Self.caseCount where failures < 5 {
            let original = generator.value()
            for pretty in [false, true] {
                let text = Oracle.render(original, pretty: pretty)
                let found = difference(pull(text).map(sortingKeys), Oracle.value(of: text), tolerant: true)
                if Self.check(found, caseIndex, text) { failures += 1 }
            }
        }
    }

    @Test("Compact renderings parse back to exactly the generated value, as JSONSerialization agrees")
    func compactRenderings() {
        var generator = ValueGenerator(seed: 2)
        var failures = 0
        for caseIndex in 0..<Self.caseCount where failures < 5 {
            let original = generator.value()
            let text = Array(CompactRenderer.render(original).utf8)
            let actual = pull(text)
            let found =
                difference(actual, original)
                ?? difference(actual.map(sortingKeys), Oracle.value(of: text), tolerant: true)
            if Self.check(found, caseIndex, text) { failures += 1 }
        }
    }

    @Test("Random whitespace, escapes, surrogate pairs and number spellings do not change the parsed value")
    func scrambledRenderings() {
        var generator = ValueGenerator(seed: 3)
        var renderer = ScrambledRenderer(seed: 4)
        var failures = 0
        for caseIndex in 0..<Self.caseCount where failures < 5 {
            let original = generator.value()
            let text = Array(renderer.render(original).utf8)
            let actual = pull(text)
            let found =
                difference(actual, original)
                ?? difference(actual.map(sortingKeys), Oracle.value(of: text), tolerant: true)
            if Self.check(found, caseIndex, text) { failures += 1 }
        }
    }

    @Test("Skipping everything accepts every valid document and keeps only the top-level shape")
    func skippingEverything() {
        var generator = ValueGenerator(seed: 5)
        var renderer = ScrambledRenderer(seed: 6)
        var failures = 0
        for caseIndex in 0..<Self.caseCount where failures < 5 {
            let original = generator.value()
            let text = Array(renderer.render(original).utf8)
            let found = difference(pull(text, .members([:])), pruning(original, to: .members([:])))
            if Self.check(found, caseIndex, text) { failures += 1 }
        }
    }
}
