import Foundation
import Mustache
import SynclineCore
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
        var generator = SplitMix64(seed: UInt64(seed))
        var inputs: [String: TextTemplate.Input] = [:]
        var context: [String: Any] = [:]
        let samples = ["not set", "", "a & b < c > \"d\"", "line\nbreak", "{{not a tag}}", "ünïcödé ✓", "- dash", " "]
        for name in Self.texts {
            let text = generator.pick(samples)
            inputs[name] = .text(text)
            context[name] = text
        }
        for name in Self.lists {
            let items = (0..<generator.int(in: 0...3)).map { _ in generator.pick(samples) }
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
