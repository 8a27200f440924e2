package import Foundation
package import SynclineCore

/// A job file as written, every value with its location; what the compiler turns into a `Plan`.
///
/// Values the shape check rejected are absent here (their diagnostics are already reported), so the compiler
/// can go on checking the rest of the file.
package struct JobSpec: Sendable {
    /// The file as the user named it.
    package var file: String
    /// The job's name: the file's stem.
    package var name: String
    /// Where the document starts.
    package var root: SourceLocation
    /// `version:`.
    package var version: Located<Int>?
    /// `job:`, when given.
    package var declaredName: Located<String>?
    /// `description:`.
    package var summary: String?
    /// `template: true`.
    package var isTemplate: Bool
    /// `extends:`.
    package var extends: Located<String>?
    /// `connection:` written out in the job.
    package var connection: ConnectionSpec?
    /// `connection: NAME`: a connection of the project file, by name.
    package var connectionName: Located<String>?
    /// `source:`.
    package var source: SourceSpec?
    /// `target:`.
    package var target: TargetSpec?
    /// `required:`.
    package var required: [Located<String>]
    /// `mapping:`, in the order written.
    package var mapping: [AttributeSpec]
    /// Where `mapping:` is, when present.
    package var mappingLocation: SourceLocation?
    /// `locked:`, in the order written.
    package var locked: [AttributeSpec]
    /// `sync:`.
    package var sync: SyncSpec?
    /// `schedule:`.
    package var schedule: ScheduleSpec?
    /// `depends_on:`, in the order written.
    package var dependsOn: [Located<String>]
    /// Where `depends_on:` is, when present.
    package var dependsOnLocation: SourceLocation?
}

/// A connection as written: under `connection:` in a job, or under `connections:` in the project file.
package struct ConnectionSpec: Sendable {
    /// `name:`.
    package var name: Located<String>?
    /// `connector:`.
    package var connector: Located<String>?
    /// `base_url:`.
    package var baseURL: Located<String>?
    /// `daily_request_budget:`.
    package var dailyRequestBudget: Located<Int>?
    /// `secrets:`, in the order written.
    package var secrets: [(name: Located<String>, value: SecretSpec)]
    /// Whether `secrets:` is absent or a mapping (when it is not, its shape error says so already).
    package var secretsAreWellFormed: Bool
    /// Where `connection:` is.
    package var location: SourceLocation
}

/// One entry of `connection.secrets`.
package enum SecretSpec: Sendable {
    case environment(Located<String>)
    case file(Located<String>)
    /// A literal value: always an error. Only its location is kept, never the value.
    case literal(SourceLocation)
}

/// `source:` as written.
package struct SourceSpec: Sendable {
    /// `connector:`.
    package var connector: Located<String>?
    /// `object:`.
    package var object: Located<String>?
    /// `fields:` as a list of paths, or as path-to-type pairs (`type` nil in a list).
    package var fields: [(path: Located<String>, type: Located<String>?)]
    /// Whether `fields:` was written as a path-to-type mapping.
    package var fieldsDeclareTypes: Bool
    /// Connector options (every other key), in the order written.
    package var options: [(name: Located<String>, value: Located<String>)]
    /// Where `source:` is.
    package var location: SourceLocation
}

/// `target:` as written.
package struct TargetSpec: Sendable {
    /// `object:`.
    package var object: Located<String>?
    /// `mode:`.
    package var mode: Located<String>?
    /// `key:`.
    package var key: Located<String>?
    /// `allow_new_objects:`.
    package var allowsNewObjects: Located<Bool>?
    /// Where `target:` is.
    package var location: SourceLocation
}

/// `sync:` as written.
package struct SyncSpec: Sendable {
    /// `cursor:`.
    package var cursor: Located<String>?
    /// `initial_backfill:`.
    package var initialBackfill: Located<String>?
    /// `lookback:`.
    package var lookback: Located<String>?
}

/// `schedule:` as written.
package struct ScheduleSpec: Sendable {
    /// `cron:`.
    package var cron: Located<String>?
    /// `timezone:`.
    package var timezone: Located<String>?
    /// `sync_on_save:`.
    package var syncsOnSave: Located<Bool>?
    /// `enabled:`.
    package var isEnabled: Located<Bool>?
}

/// One entry of `mapping:` or `locked:`.
package struct AttributeSpec: Sendable {
    /// The target attribute, where its key is written.
    package var name: Located<String>
    /// The expression.
    package var expression: ExpressionSpec
}

/// A mapping expression as written.
package indirect enum ExpressionSpec: Sendable {
    /// A source path, with an optional formatter and default.
    case path(Located<String>, format: Located<String>?, fallback: Located<String>?)
    /// `{const: …}`.
    case constant(Located<String>)
    /// `{resolve: …, from: …}`.
    case resolve(ResolveSpec)
    /// `{template: …, values: …}`.
    case template(TemplateSpec)

    /// Where the expression starts.
    package var location: SourceLocation {
        switch self {
        case .path(let path, _, _): path.location
        case .constant(let value): value.location
        case .resolve(let resolve): resolve.location
        case .template(let template): template.location
        }
    }
}

/// `{resolve: KIND, from: PATH, by: KEY}` as written.
package struct ResolveSpec: Sendable {
    /// What is looked up.
    package var kind: Located<String>?
    /// The source path.
    package var from: Located<String>?
    /// `by:`.
    package var key: Located<String>?
    /// `email:`, `name:`, `affiliation:` for participants.
    package var members: [String: Located<String>]
    /// Where the expression starts.
    package var location: SourceLocation
}

/// `{template: …, values: …, missing: …}` as written.
package struct TemplateSpec: Sendable {
    /// The Mustache source.
    package var text: Located<String>?
    /// For a block scalar, the column its lines are indented to, so template errors map back to the file.
    package var blockIndent: Int?
    /// `values:`, in the order written.
    package var values: [AttributeSpec]
    /// `missing:`.
    package var missing: String?
    /// Where the expression starts.
    package var location: SourceLocation
}

extension JobSpec {
    /// Reads and shape-checks the job file at `url`; `displayName` is how locations name it.
    ///
    /// Returns the spec (nil when the file could not be read as YAML at all) and every shape diagnostic.
    package static func read(
        contentsOf url: URL, displayName: String, reader: SpecReader = SpecReader()
    ) -> (spec: JobSpec?, diagnostics: [Diagnostic]) {
        switch reader.read(contentsOf: url, displayName: displayName) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .document(let node, _):
            let name = url.deletingPathExtension().lastPathComponent
            return (JobSpec(node, file: displayName, name: name), Shape.job.validate(node))
        }
    }

    /// Builds the spec from a shape-checked node; values of the wrong shape are left out.
    package init(_ node: SpecNode, file: String, name: String) {
        self.file = file
        self.name = name
        root = node.location
        version = node["version"]?.scalar.flatMap { scalar in Int(scalar.text).map { Located($0, at: scalar.location) }
        }
        declaredName = node["job"].flatMap(Self.string)
        summary = node["description"].flatMap(Self.string)?.value
        isTemplate = node["template"].flatMap(Self.boolean)?.value ?? false
        extends = node["extends"].flatMap(Self.string)
        connection = node["connection"].flatMap(ConnectionSpec.init)
        connectionName = node["connection"].flatMap(Self.string)
        source = node["source"].flatMap(Self.source)
        target = node["target"].flatMap(Self.target)
        required = node["required"]?.elements?.compactMap(Self.string) ?? []
        mapping = node["mapping"].map(Self.attributes) ?? []
        mappingLocation = node.pair("mapping")?.key.location
        locked = node["locked"].map(Self.attributes) ?? []
        sync = node["sync"].flatMap(Self.sync)
        schedule = node["schedule"].flatMap(Self.schedule)
        dependsOn = node["depends_on"]?.elements?.compactMap(Self.string) ?? []
        dependsOnLocation = node.pair("depends_on")?.key.location
    }

    /// The scalar's text, located at its first character (after the opening quote of a quoted scalar).
    static func string(_ node: SpecNode) -> Located<String>? {
        guard let scalar = node.scalar, scalar.kind != .null, scalar.kind != .boolean else { return nil }
        var location = scalar.location
        if scalar.isQuoted && scalar.blockIndent == nil { location.column += 1 }
        return Located(scalar.text, at: location)
    }

    static func boolean(_ node: SpecNode) -> Located<Bool>? {
        guard let scalar = node.scalar, let value = scalar.boolean else { return nil }
        return Located(value, at: scalar.location)
    }

    private static func source(_ node: SpecNode) -> SourceSpec? {
        guard let pairs = node.pairs else { return nil }
        var fields: [(Located<String>, Located<String>?)] = []
        let fieldsNode = node["fields"]
        if let elements = fieldsNode?.elements {
            fields = elements.compactMap(string).map { ($0, nil) }
        } else if let fieldPairs = fieldsNode?.pairs {
            fields = fieldPairs.map { ($0.key, string($0.value)) }
        }
        let known: Set = ["connector", "object", "fields"]
        let options = pairs.filter { !known.contains($0.key.value) }.compactMap { pair in
            string(pair.value).map { (pair.key, $0) }
        }
        return SourceSpec(
            connector: node["connector"].flatMap(string), object: node["object"].flatMap(string), fields: fields,
            fieldsDeclareTypes: fieldsNode?.pairs != nil, options: options, location: node.location
        )
    }

    private static func target(_ node: SpecNode) -> TargetSpec? {
        guard node.pairs != nil else { return nil }
        return TargetSpec(
            object: node["object"].flatMap(string), mode: node["mode"].flatMap(string),
            key: node["key"].flatMap(string), allowsNewObjects: node["allow_new_objects"].flatMap(boolean),
            location: node.location
        )
    }

    private static func sync(_ node: SpecNode) -> SyncSpec? {
        guard node.pairs != nil else { return nil }
        return SyncSpec(
            cursor: node["cursor"].flatMap(string), initialBackfill: node["initial_backfill"].flatMap(string),
            lookback: node["lookback"].flatMap(string)
        )
    }

    private static func schedule(_ node: SpecNode) -> ScheduleSpec? {
        guard node.pairs != nil else { return nil }
        return ScheduleSpec(
            cron: node["cron"].flatMap(string), timezone: node["timezone"].flatMap(string),
            syncsOnSave: node["sync_on_save"].flatMap(boolean), isEnabled: node["enabled"].flatMap(boolean)
        )
    }

    private static func attributes(_ node: SpecNode) -> [AttributeSpec] {
        (node.pairs ?? []).compactMap { pair in
            expression(pair.value).map { AttributeSpec(name: pair.key, expression: $0) }
        }
    }

    private static func expression(_ node: SpecNode) -> ExpressionSpec? {
        if let path = string(node) { return .path(path, format: nil, fallback: nil) }
        guard let pairs = node.pairs else { return nil }
        let keys = Set(pairs.map(\.key.value))
        let forms = keys.intersection(["const", "path", "resolve", "template"])
        guard forms.count == 1, let form = forms.first else { return nil }
        switch form {
        case "const":
            return node["const"].flatMap(string).map(ExpressionSpec.constant)
        case "path":
            return node["path"].flatMap(string).map {
                .path($0, format: node["format"].flatMap(string), fallback: node["default"].flatMap(string))
            }
        case "resolve":
            var members: [String: Located<String>] = [:]
            for member in ["email", "name", "affiliation"] { members[member] = node[member].flatMap(string) }
            return .resolve(
                ResolveSpec(
                    kind: node["resolve"].flatMap(string), from: node["from"].flatMap(string),
                    key: node["by"].flatMap(string), members: members, location: node.location
                )
            )
        default:
            let text = node["template"]?.scalar
            return .template(
                TemplateSpec(
                    text: node["template"].flatMap(string), blockIndent: text?.blockIndent,
                    values: node["values"].map(attributes) ?? [], missing: node["missing"].flatMap(string)?.value,
                    location: node.location
                )
            )
        }
    }
}

extension ConnectionSpec {
    /// Builds the spec from a shape-checked mapping; nil for a node that is not one.
    init?(_ node: SpecNode) {
        guard node.pairs != nil else { return nil }
        var secrets: [(Located<String>, SecretSpec)] = []
        for pair in node["secrets"]?.pairs ?? [] {
            if pair.value.scalar != nil {
                secrets.append((pair.key, .literal(pair.value.location)))
            } else if let variable = pair.value["env"].flatMap(JobSpec.string) {
                secrets.append((pair.key, .environment(variable)))
            } else if let path = pair.value["file"].flatMap(JobSpec.string) {
                secrets.append((pair.key, .file(path)))
            }
        }
        self.init(
            name: node["name"].flatMap(JobSpec.string), connector: node["connector"].flatMap(JobSpec.string),
            baseURL: node["base_url"].flatMap(JobSpec.string),
            dailyRequestBudget: node["daily_request_budget"]?.scalar.flatMap { scalar in
                Int(scalar.text).map { Located($0, at: scalar.location) }
            },
            secrets: secrets,
            secretsAreWellFormed: node["secrets"].map { $0.pairs != nil } ?? true, location: node.location
        )
    }
}
