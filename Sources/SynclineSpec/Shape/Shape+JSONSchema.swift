package import Foundation

extension Shape {
    /// The job format as a JSON Schema (draft-07, which YAML language servers support), pretty-printed.
    package static func jobSchemaJSON() throws -> Data {
        try job.schemaDocument(id: "https://syncline.dev/schema/job-v1.json", title: "Syncline job (version 1)")
    }

    /// The project file's format (`syncline.yaml`) as a JSON Schema (draft-07), pretty-printed.
    package static func projectSchemaJSON() throws -> Data {
        try project.schemaDocument(
            id: "https://syncline.dev/schema/project-v1.json", title: "Syncline project file (version 1)")
    }

    private func schemaDocument(id: String, title: String) throws -> Data {
        var root = schema()
        root["$schema"] = "http://json-schema.org/draft-07/schema#"
        root["$id"] = id
        root["title"] = title
        return try JSONSerialization.data(
            withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// This shape as a JSON Schema object.
    func schema() -> [String: Any] {
        var schema: [String: Any]
        switch self {
        case .string(_, let allowed?):
            schema = ["type": "string", "enum": allowed]
        case .string:
            schema = ["type": ["string", "number", "integer"]]
        case .boolean:
            schema = ["type": "boolean"]
        case .integer:
            schema = ["type": "integer"]
        case .object(_, let properties, let extra):
            var members: [String: Any] = [:]
            for property in properties { members[property.name] = property.shape.schema() }
            // A section whose keys are all commented out is null, which the reader accepts unless a key is required.
            let type: Any = properties.contains(where: \.isRequired) ? "object" : ["object", "null"]
            schema = ["type": type, "properties": members]
            schema["additionalProperties"] = extra.map { $0.schema() } ?? false
            let required = properties.filter(\.isRequired).map(\.name)
            if !required.isEmpty { schema["required"] = required }
        case .dictionary(_, let value):
            schema = ["type": ["object", "null"], "additionalProperties": value.schema()]
        case .list(_, let element):
            schema = ["type": ["array", "null"], "items": element.schema()]
        case .alternatives(_, let scalar, let list, let mapping):
            schema = ["anyOf": [scalar, list, mapping].compactMap { $0?.schema() }]
        case .refused:
            schema = ["not": [:] as [String: Any]]
        case .variants(_, let variants):
            schema = [
                "oneOf": variants.map { variant in
                    var object = variant.shape.schema()
                    object["required"] = ((object["required"] as? [String]) ?? []) + [variant.key]
                    return object
                }
            ]
        }
        schema["description"] = summary
        return schema
    }
}
