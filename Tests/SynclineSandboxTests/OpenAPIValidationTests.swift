import Foundation
import SynclineSandbox
import Testing

/// Validates served bodies against Gong's OpenAPI description with Python's `jsonschema`.
enum OpenAPIValidator {
    /// The checker: resolves `$ref`s under components/schemas and applies the known quirks of Gong's description
    /// (null allowed where real Gong returns null; ContextField values of any type). Objects are closed
    /// (`additionalProperties: false`), so a member the description does not know fails too.
    static let script = #"""
        import copy, json, sys
        import jsonschema

        spec = json.load(open(sys.argv[1]))
        schemas = copy.deepcopy(spec["components"]["schemas"])

        def relax(node):
            if isinstance(node, dict):
                kind = node.get("type")
                if isinstance(kind, str) and kind not in ("object", "array"):
                    node["type"] = [kind, "null"]
                    if "enum" in node:
                        node["enum"] = list(node["enum"]) + [None]
                if kind == "object" and "properties" in node:
                    node.setdefault("additionalProperties", False)
                for value in list(node.values()):
                    relax(value)
            elif isinstance(node, list):
                for value in node:
                    relax(value)

        relax(schemas)
        for name in ("ContextField", "PartyContextField", "CrmPartyContextField"):
            if name in schemas:
                schemas[name]["properties"]["value"] = {}
        root = {"allOf": [{"$ref": "#/components/schemas/" + sys.argv[2]}], "components": {"schemas": schemas}}
        instance = json.load(open(sys.argv[3]))
        errors = sorted(jsonschema.Draft7Validator(root).iter_errors(instance), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            print("/".join(map(str, error.absolute_path)) + ": " + error.message, file=sys.stderr)
        sys.exit(1 if errors else 0)
        """#

    /// The problems `jsonschema` finds in `body` as schema `schema`; nil when it finds none.
    static func problems(_ body: Data, schema: String) async throws -> String? {
        let python = try #require(
            ChildProcess.python(),
            "no python3 ($SYNCLINE_PYTHON, else PATH) to validate against OpenAPI: run .ci/run, which sets SYNCLINE_PYTHON"
        )
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-openapi-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scriptFile = folder.appendingPathComponent("validate.py")
        let instanceFile = folder.appendingPathComponent("instance.json")
        try Data(script.utf8).write(to: scriptFile)
        try body.write(to: instanceFile)
        let specification = Fixtures.folder.appendingPathComponent("gong-v2.openapi.json")
        let outcome = try await ChildProcess.run(
            python, [scriptFile.path, specification.path, schema, instanceFile.path])
        return outcome.status == 0 ? nil : "\(schema): \(outcome.errors)\(outcome.output)"
    }
}

@Suite("Served bodies validate against Gong's OpenAPI description")
struct OpenAPIValidationTests {
    static var everything: [String: Any] {
        [
            "context": "Extended", "contextTiming": ["Now", "TimeOfCall"],
            "exposedFields": [
                "parties": true, "media": true,
                "content": Dictionary(
                    uniqueKeysWithValues: (TestCalls.contentMembers + ["trackerOccurrences"]).map { ($0, true) }),
                "interaction": ["speakers": true, "video": true, "personInteractionStats": true, "questions": true],
                "collaboration": ["publicComments": true],
            ],
        ]
    }

    @Test("an extensive page of generated calls, every block requested, is a valid Calls")
    func generatedCalls() async throws {
        let data = GongSandboxData.generated(calls: 120, seed: 11, end: TestCalls.end)
        let body = try await withSandbox(data) { session in
            let reply = try await session.extensive(["filter": [:], "contentSelector": Self.everything])
            #expect(reply.status == 200)
            return reply.body
        }
        let problems = try await OpenAPIValidator.problems(body, schema: "Calls")
        #expect(problems == nil)
    }

    @Test("an extensive page of the documented call shape, every block requested, is a valid Calls")
    func documentedShape() async throws {
        let data = try TestCalls.data(TestCalls.minuteApart(3))
        let body = try await withSandbox(data) { session in
            try await session.extensive(["filter": [:], "contentSelector": Self.everything]).body
        }
        let problems = try await OpenAPIValidator.problems(body, schema: "Calls")
        #expect(problems == nil)
    }

    @Test("a users page is a valid UsersMetadata, a calls page a valid CallsResponse, errors ErrorResponse")
    func otherBodies() async throws {
        let data = GongSandboxData.generated(calls: 30, seed: 2, end: TestCalls.end)
        let (users, calls, error) = try await withSandbox(data) { session in
            (
                try await session.get("/v2/users").body, try await session.get("/v2/calls").body,
                try await session.get("/v2/users", auth: .none).body
            )
        }
        #expect(try await OpenAPIValidator.problems(users, schema: "UsersMetadata") == nil)
        #expect(try await OpenAPIValidator.problems(calls, schema: "CallsResponse") == nil)
        #expect(try await OpenAPIValidator.problems(error, schema: "ErrorResponse") == nil)
    }

    @Test("the checker does reject a body that breaks the description")
    func checkerRejects() async throws {
        let broken = Data(
            #"{"requestId": "x", "records": {"totalRecords": "many"}, "calls": [{"metaData": {"id": 5}}]}"#.utf8)
        let problems = try #require(try await OpenAPIValidator.problems(broken, schema: "Calls"))
        #expect(problems.contains("totalRecords"))
        let invented = Data(#"{"requestId": "x", "calls": [{"metaData": {"id": "5", "startedAt": "now"}}]}"#.utf8)
        #expect(try await OpenAPIValidator.problems(invented, schema: "Calls") != nil)
    }
}
