import Foundation
import SynclineSpec
import SynclineTestSupport
import Testing
import Yams

/// The JSON Schemas `syncline schema` prints, checked by a real validator (Python's jsonschema) against every
/// job and project file the repository ships: an editor using the schema never flags a file Syncline accepts.
@Suite("The shipped job and project files validate against the printed JSON Schemas")
struct SchemaConformanceTests {
    static let root = RepositoryPaths.root()

    static let shippedJobs: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent("jobs").path)
        var files: [String] = []
        while let file = enumerator?.nextObject() as? String {
            if file.hasSuffix(".yaml") { files.append("jobs/" + file) }
        }
        return files.sorted()
    }()

    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
        for error in errors[:10]:
            print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// What jsonschema says of the YAML `text` (converted to JSON) against `schema`; empty when it is valid.
    static func problems(_ yaml: String, schema: Data) throws -> String {
        let directory = try TemporaryDirectory()
        let document = try #require(try Yams.load(yaml: yaml), "the file is empty")
        let json = try JSONSerialization.data(withJSONObject: document)
        let scriptURL = try directory.write(script, to: "check.py")
        let schemaURL = directory.url.appendingPathComponent("schema.json")
        let instanceURL = directory.url.appendingPathComponent("instance.json")
        try schema.write(to: schemaURL)
        try json.write(to: instanceURL)
        let process = Process()
        // .ci/run names the Python that has jsonschema (Debian's, or a virtual environment) in SYNCLINE_PYTHON.
        let python = ProcessInfo.processInfo.environment["SYNCLINE_PYTHON"] ?? "python3"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, scriptURL.path, schemaURL.path, instanceURL.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if text.contains("No module named") {
            Issue.record("Python's jsonschema is missing (\(python)); .ci/run installs it: \(text)")
        }
        return process.terminationStatus == 0 ? "" : text
    }

    static func shipped(_ file: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    }

    @Test("every shipped job and template validates against the job schema", arguments: shippedJobs)
    func jobs(file: String) throws {
        let problems = try Self.problems(try Self.shipped(file), schema: try Shape.jobSchemaJSON())
        #expect(problems.isEmpty, "\(file): \(problems)")
    }

    @Test("the shipped project file validates against the project schema")
    func project() throws {
        let problems = try Self.problems(try Self.shipped("syncline.yaml"), schema: try Shape.projectSchemaJSON())
        #expect(problems.isEmpty, "syncline.yaml: \(problems)")
    }

    @Test("the schemas reject what Syncline rejects: an unknown key, a literal secret, a connection misnamed")
    func rejects() throws {
        let project = try Self.shipped("syncline.yaml")
        let schema = try Shape.projectSchemaJSON()
        #expect(
            try !Self.problems(project.replacingOccurrences(of: "instance:", with: "instanse:"), schema: schema).isEmpty
        )
        #expect(
            try !Self.problems(
                project.replacingOccurrences(of: "{env: GONG_ACCESS_KEY}", with: "AKIA123"), schema: schema
            )
            .isEmpty)
        let job = try Self.shipped("jobs/gong-touchpoints.yaml")
        #expect(
            try !Self.problems(
                job.replacingOccurrences(of: "connection: gong", with: "connection: [gong]"),
                schema: try Shape.jobSchemaJSON()
            ).isEmpty)
    }
}
