import SynclineCore
import SynclineSpec

extension CompileSession {
    /// The source part of a job, checked against the connector's catalogue.
    struct CompiledSource {
        var connector: ConnectorCatalog
        var object: SourceObject
        var record: FieldType
        var declared: [FieldPath]
        var options: [String: String]
        var location: SourceLocation
    }

    /// Finds the connector and object, checks options and fields; nil when they cannot be found.
    mutating func compileSource() -> CompiledSource? {
        guard let sourceSpec = chain.lazy.compactMap(\.source).first else {
            if isChainBroken { return nil }
            error(.missingKey, "missing key 'source' (in the job or a template it extends)", at: spec.root)
            return nil
        }
        guard let connectorName = sourceSpec.connector, let objectName = sourceSpec.object else { return nil }
        guard let connector = catalog.connector(ConnectorID(connectorName.value)) else {
            error(
                .unknownConnector,
                "unknown connector '\(connectorName.value)'"
                    + Suggestion.hint(for: connectorName.value, among: catalog.connectors.map(\.id.rawValue)),
                at: connectorName.location
            )
            return nil
        }
        guard let object = connector.object(ObjectName(objectName.value)) else {
            error(
                .unknownObject,
                "connector '\(connector.id)' has no object '\(objectName.value)'"
                    + Suggestion.hint(for: objectName.value, among: connector.objects.map(\.name.rawValue)),
                at: objectName.location
            )
            return nil
        }
        var options: [String: String] = [:]
        for (name, value) in sourceSpec.options {
            guard let option = object.options.first(where: { $0.name == name.value }) else {
                error(
                    .unknownKey,
                    "unknown key '\(name.value)' for \(connector.id) \(object.name)"
                        + Suggestion.hint(
                            for: name.value, among: ["connector", "object", "fields"] + object.options.map(\.name)),
                    at: name.location
                )
                continue
            }
            if let allowed = option.allowedValues, !allowed.contains(value.value) {
                error(
                    .invalidValue,
                    "'\(value.value)' is not a valid \(option.name); expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))",
                    at: value.location
                )
            }
            checkInterpolation(value)
            options[name.value] = value.value
        }
        for option in object.options where option.isRequired && options[option.name] == nil {
            error(.missingKey, "missing key '\(option.name)' (\(option.summary))", at: sourceSpec.location)
        }
        var record = object.record
        var declared: [FieldPath] = []
        if object.declaresFields {
            if !sourceSpec.fields.isEmpty && !sourceSpec.fieldsDeclareTypes {
                error(
                    .wrongType,
                    "\(connector.id) \(object.name) records have no catalogue: write 'fields' as a mapping of name to type",
                    at: sourceSpec.fields[0].path.location
                )
            }
            var members: [FieldType.Field] = []
            for (path, type) in sourceSpec.fields {
                guard let fieldPath = parsePath(path) else { continue }
                let fieldType: FieldType =
                    switch type?.value {
                    case "integer": .integer
                    case "number": .number
                    case "boolean": .boolean
                    case "datetime": .datetime
                    default: .string
                    }
                members.append(.init(fieldPath.description, fieldType))
                declared.append(fieldPath)
            }
            record = .object(members)
        } else {
            for (path, _) in sourceSpec.fields {
                if let fieldPath = parsePath(path), resolve(fieldPath, in: record, at: path.location) != nil {
                    declared.append(fieldPath)
                }
            }
        }
        return CompiledSource(
            connector: connector, object: object, record: record, declared: declared, options: options,
            location: sourceSpec.location
        )
    }

    /// Parses a path, reporting text that is not one.
    mutating func parsePath(_ text: Located<String>) -> FieldPath? {
        guard let path = FieldPath(text.value) else {
            error(
                .badExpression,
                "'\(text.value)' is not a source path (names joined by '.', '[]' after arrays); write {const: \(text.value)} for a fixed value",
                at: text.location
            )
            return nil
        }
        return path
    }

    /// Resolves a path against the record type, reporting unknown fields with a suggestion.
    mutating func resolve(_ path: FieldPath, in record: FieldType, at location: SourceLocation) -> FieldType? {
        switch record.resolve(path) {
        case .success(let type):
            return type
        case .failure(let failure):
            let prefix = FieldPath(segments: Array(path.segments.prefix(failure.segmentIndex)))
            let shown = failure.segmentIndex == 0 ? "" : prefix.description + "."
            switch failure.reason {
            case .unknown:
                let hint = Suggestion.hint(for: path.description, among: record.allPaths())
                error(.unknownField, "unknown field '\(path)'" + hint, at: location)
            case .notAnArray(let type):
                let segment = path.segments[failure.segmentIndex].name
                error(
                    .unknownField, "'\(shown)\(segment)' is \(type.displayName), not an array: drop the '[]'",
                    at: location)
            case .missingEach:
                let segment = path.segments[failure.segmentIndex].name
                error(
                    .unknownField,
                    "'\(shown)\(segment)' is an array: write '\(shown)\(segment)[]' to read its elements", at: location)
            }
            return nil
        }
    }
}
