import Foundation
import SynclineCore
import SynclineSpec
import Testing

@Suite("The job file's shape")
struct ShapeTests {
    private func diagnostics(_ text: String) throws -> [Diagnostic] {
        guard case .document(let node, _) = SpecReader().read(Data(text.utf8), displayName: "job.yaml") else {
            Issue.record("the YAML did not parse")
            return []
        }
        return Shape.job.validate(node).sortedForDisplay()
    }

    @Test("every unknown key, wrong type and missing key is reported, not just the first")
    func collectsEverything() throws {
        let found = try diagnostics(
            """
            verison: 1
            target:
              object: touchpoint
              mode: create-only
              allow_new_objects: "yes"
            schedule:
              enabled: maybe
              cron: 5
            """
        )
        #expect(
            found.map { "\($0.location.line):\($0.location.column) \($0.code.rawValue) \($0.message)" } == [
                "1:1 missing-key missing key 'version'",
                "1:1 unknown-key unknown key 'verison'; did you mean 'version'?",
                "4:9 invalid-value 'create-only' is not one of 'create_only', 'upsert'; did you mean 'create_only'?",
                "5:22 wrong-type expected true or false, found the string 'yes'",
                "7:12 wrong-type expected true or false, found the string 'maybe'",
            ]
        )
    }

    @Test("a Boolean where text belongs asks to be quoted")
    func quoteBooleans() throws {
        let found = try diagnostics("version: 1\ndescription: no\n")
        #expect(found.map(\.message) == ["expected a string, found the boolean 'no'; quote it to keep it text"])
    }

    @Test("an expression mapping must hold exactly one form")
    func expressionForms() throws {
        let found = try diagnostics(
            """
            version: 1
            mapping:
              subject: {cosnt: Hello}
              body: {const: a, path: b}
            """
        )
        #expect(
            found.map(\.message) == [
                "expected a mapping with one of 'const', 'path', 'resolve', 'template', found keys 'cosnt'; did you mean 'const'?",
                "use one of 'const' and 'path', not several",
            ]
        )
    }

    @Test("the JSON Schema is valid JSON that describes every top-level key")
    func jsonSchema() throws {
        let data = try Shape.jobSchemaJSON()
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(schema["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(
            Set(properties.keys) == [
                "version", "job", "description", "template", "extends", "connection", "source", "target", "required",
                "mapping", "locked", "sync", "schedule", "depends_on",
            ]
        )
        #expect(schema["required"] as? [String] == ["version"])
        #expect(schema["additionalProperties"] as? Bool == false)
    }
}
