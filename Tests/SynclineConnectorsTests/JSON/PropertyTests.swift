import Foundation
import SynclineConnectors
import SynclineCore
import Testing

/// Random documents, rendered several ways, parsed with `.all` and compared with JSONSerialization's reading.
struct PropertyTests {
    /// How many random documents each property checks.
    static let caseCount = 1_000

    /// Runs `check` once a case (`caseCount` cases), recording each difference it returns with the text it found it
    /// in; stops after five failures, so a broken reader fails quickly and readably.
    static func checkCases(_ check: () -> (found: String?, text: [UInt8])) {
        var failures = 0
        for caseIndex in 0..<caseCount where failures < 5 {
            let (found, text) = check()
            guard let found else { continue }
            Issue.record("case \(caseIndex): \(found) in \(String(decoding: text, as: UTF8.self))")
            failures += 1
        }
    }

    /// How `text`, parsed with `.all`, differs from `original` or from JSONSerialization's reading; nil when neither.
    static func exactDifference(_ text: [UInt8], _ original: Value) -> String? {
        let actual = pull(text)
        return difference(actual, original)
            ?? difference(actual.map(sortingKeys), Oracle.value(of: text), tolerant: true)
    }

    @Test("Documents written by JSONSerialization parse to what JSONSerialization reads back")
    func foundationRenderings() {
        var generator = ValueGenerator(seed: 1)
        Self.checkCases {
            let original = generator.value()
            for pretty in [false, true] {
                let text = Oracle.render(original, pretty: pretty)
                let found = difference(pull(text).map(sortingKeys), Oracle.value(of: text), tolerant: true)
                if let found { return (found, text) }
            }
            return (nil, [])
        }
    }

    @Test("Compact renderings parse back to exactly the generated value, as JSONSerialization agrees")
    func compactRenderings() {
        var generator = ValueGenerator(seed: 2)
        Self.checkCases {
            let original = generator.value()
            let text = Array(CompactRenderer.render(original).utf8)
            return (Self.exactDifference(text, original), text)
        }
    }

    @Test("Random whitespace, escapes, surrogate pairs and number spellings do not change the parsed value")
    func scrambledRenderings() {
        var generator = ValueGenerator(seed: 3)
        var renderer = ScrambledRenderer(seed: 4)
        Self.checkCases {
            let original = generator.value()
            let text = Array(renderer.render(original).utf8)
            return (Self.exactDifference(text, original), text)
        }
    }

    @Test("Skipping everything accepts every valid document and keeps only the top-level shape")
    func skippingEverything() {
        var generator = ValueGenerator(seed: 5)
        var renderer = ScrambledRenderer(seed: 6)
        Self.checkCases {
            let original = generator.value()
            let text = Array(renderer.render(original).utf8)
            return (difference(pull(text, .members([:])), pruning(original, to: .members([:]))), text)
        }
    }
}
