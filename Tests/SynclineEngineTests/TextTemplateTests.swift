import Foundation
import Mustache
import SynclineEngine
import SynclineTestSupport
import Testing

@Suite("The specialised body renderer agrees with swift-mustache")
struct TextTemplateTests {
    static let shipped: String = {
        // The body template of the shipped Gong template, read from the YAML file's block scalar.
        let yaml =
            (try? String(
                contentsOf: RepositoryPaths.root().appendingPathComponent("jobs/templates/gong-touchpoints.yaml"),
                encoding: .utf8)) ?? ""
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.contains("template: |") }) else { return "" }
        var body: [Substring] = []
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("      ") else { break }
            body.append(line.dropFirst(6))
        }
        return body.joined(separator: "\n") + "\n"
    }()

    static let lists: Set<String> = ["key_points", "agenda", "topics", "action_items"]
    static let texts = ["start_time", "duration", "purpose", "recording_url", "brief"]

    @Test("the shipped template compiles to the fast renderer")
    func compiles() {
        #expect(!Self.shipped.isEmpty)
        #expect(TextTemplate.compile(Self.shipped, lists: Self.lists) != nil)
    }

    @Test("on random values both renderers give the same text", arguments: 0..<200)
    func sameOutput(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        var inputs: [String: TextTemplate.Input] = [:]
        var context: [String: Any] = [:]
        let samples = ["not set", "", "a & b < c > \"d\"", "line\nbreak", "{{not a tag}}", "ünïcödé ✓", "- dash", " "]
        for name in Self.texts {
            let text = samples[Int(generator.next() % UInt64(samples.count))]
            inputs[name] = .text(text)
            context[name] = text
        }
        for name in Self.lists {
            let count = Int(generator.next() % 4)
            let items = (0..<count).map { _ in samples[Int(generator.next() % UInt64(samples.count))] }
            inputs[name] = .list(items)
            context[name] = items
        }
        let fast = try #require(TextTemplate.compile(Self.shipped, lists: Self.lists))
        let oracle = try MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + Self.shipped)
        #expect(fast.render(inputs) == oracle.render(context))
    }

    @Test(
        "templates outside the subset are left to swift-mustache",
        arguments: ["{{#a}}\n- {{.}}\n{{/a}}\n", "{{> partial}}", "{{a.b}}", "{{=<% %>=}}", "{{#t}}x{{/t}}", "{{l}}"]
    )
    func fallsBack(template: String) {
        #expect(TextTemplate.compile(template, lists: ["a", "l"]) == nil)
    }
}

/// SplitMix64: a small deterministic generator for reproducible random cases.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
