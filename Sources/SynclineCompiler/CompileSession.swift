import Foundation
import SynclineCore
import SynclineSpec

/// One compilation: the job, its templates (nearest first), and the diagnostics found so far.
struct CompileSession {
    let catalog: Catalog
    let spec: JobSpec
    let templates: [JobSpec]
    var diagnostics: [Diagnostic] = []
    /// Whether following `extends:` failed; then parts the missing template would give are not reported missing.
    var isChainBroken = false

    /// Default schedule: every day at 23:00 in the instance's time zone.
    static let defaultCron = "0 23 * * *"
    /// Default first-run window.
    static let defaultBackfill: Duration = .seconds(7 * 86_400)

    init(catalog: Catalog, spec: JobSpec, templates: [JobSpec]) {
        self.catalog = catalog
        self.spec = spec
        self.templates = templates
    }

    /// The job, then its templates: nearest first.
    private var chain: [JobSpec] { [spec] + templates }

    private mutating func error(
        _ code: Diagnostic.Code, _ message: String, at location: SourceLocation, notes: [Diagnostic] = []
    ) {
        diagnostics.append(.error(code, message, at: location, notes: notes))
    }

    /// Checks everything and builds the plan; nil when a part needed to build it is missing or invalid.
    mutating func run() -> Plan? {
        checkHeader()
        for template in templates where template.version?.value != 1 {
            if let version = template.version {
                error(
                    .unsupportedVersion, "unsupported version \(version.value); this syncline reads version 1",
                    at: version.location)
            }
        }
        let source = compileSource()
        let target = compileTarget()
        let connection = compileConnection(source: source)
        var attributes: [Plan.Attribute] = []
        if let source, let target {
            attributes = compileAttributes(record: source.record, target: target.object)
        }
        let sync = compileSync(source: source)
        let schedule = compileSchedule()
        guard let source, let target, let sync else { return nil }
        var idField = source.object.idField
        if idField == nil, let key = attributes.first(where: { $0.name == target.plan.key }),
            case .path(let path, _, _) = key.expression
        {
            idField = path
        }
        let usedPaths =
            attributes.flatMap(\.expression.paths) + (sync.cursor.map { [$0] } ?? []) + (idField.map { [$0] } ?? [])
        var fields: [FieldPath: String] = [:]
        for path in source.declared + usedPaths {
            if case .success(let type) = source.record.resolve(path) { fields[path] = type.displayName }
        }
        return Plan(
            job: spec.name,
            summary: spec.summary ?? templates.lazy.compactMap(\.summary).first,
            extends: templates.map(\.name),
            connection: connection,
            source: Plan.Source(
                connector: source.connector.name, object: source.object.name, options: source.options,
                fields: fields.keys.sorted().map { Plan.Source.Field(path: $0, type: fields[$0] ?? "any") },
                idField: idField
            ),
            target: target.plan,
            attributes: attributes,
            sync: sync,
            schedule: schedule
        )
    }

    // MARK: Header

    private mutating func checkHeader() {
        if let version = spec.version, version.value != 1 {
            error(
                .unsupportedVersion, "unsupported version \(version.value); this syncline reads version 1",
                at: version.location)
        }
        if let declared = spec.declaredName, declared.value != spec.name {
            error(
                .nameMismatch,
                "job '\(declared.value)' is in a file named '\(spec.name).yaml'; a job's name is its file's stem",
                at: declared.location
            )
        }
        if !Self.isSlug(spec.name) {
            error(
                .invalidValue,
                "job name '\(spec.name)' (the file's stem) is not a slug: use lower-case letters, digits and single hyphens",
                at: spec.root
            )
        }
    }

    static func isSlug(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return !name.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
    }

    // MARK: Source

    struct CompiledSource {
        var connector: ConnectorCatalog
        var object: SourceObject
        var record: FieldType
        var declared: [FieldPath]
        var options: [String: String]
        var location: SourceLocation
    }

    private mutating func compileSource() -> CompiledSource? {
        guard let sourceSpec = chain.lazy.compactMap(\.source).first else {
            if isChainBroken { return nil }
            error(.missingKey, "missing key 'source' (in the job or a template it extends)", at: spec.root)
            return nil
        }
        guard let connectorName = sourceSpec.connector, let objectName = sourceSpec.object else { return nil }
        guard let connector = catalog.connector(connectorName.value) else {
            error(
                .unknownConnector,
                "unknown connector '\(connectorName.value)'"
                    + Suggestion.hint(for: connectorName.value, among: catalog.connectors.map(\.name)),
                at: connectorName.location
            )
            return nil
        }
        guard let object = connector.object(objectName.value) else {
            error(
                .unknownObject,
                "connector '\(connector.name)' has no object '\(objectName.value)'"
                    + Suggestion.hint(for: objectName.value, among: connector.objects.map(\.name)),
                at: objectName.location
            )
            return nil
        }
        var options: [String: String] = [:]
        for (name, value) in sourceSpec.options {
            guard let option = object.options.first(where: { $0.name == name.value }) else {
                error(
                    .unknownKey,
                    "unknown key '\(name.value)' for \(connector.name) \(object.name)"
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
                    "\(connector.name) \(object.name) records have no catalogue: write 'fields' as a mapping of name to type",
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
    private mutating func parsePath(_ text: Located<String>) -> FieldPath? {
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
    private mutating func resolve(_ path: FieldPath, in record: FieldType, at location: SourceLocation) -> FieldType? {
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

    // MARK: Target

    struct CompiledTarget {
        var object: TargetObject
        var plan: Plan.Target
    }

    private mutating func compileTarget() -> CompiledTarget? {
        guard let targetSpec = chain.lazy.compactMap(\.target).first else {
            if isChainBroken { return nil }
            error(.missingKey, "missing key 'target' (in the job or a template it extends)", at: spec.root)
            return nil
        }
        guard let objectName = targetSpec.object, let object = catalog.target(objectName.value),
            let modeText = targetSpec.mode, let mode = WriteMode(rawValue: modeText.value)
        else { return nil }
        if !object.modes.contains(mode) {
            error(
                .writeMode,
                "\(object.name) rows are written \(object.modes.map { "'\($0.rawValue)'" }.joined(separator: " or ")), not '\(mode.rawValue)'",
                at: modeText.location
            )
        }
        if let key = targetSpec.key, key.value != object.key {
            error(
                .invalidValue,
                "the key of \(object.name) is '\(object.key)', not '\(key.value)'"
                    + (object.attribute(key.value) == nil ? Suggestion.hint(for: key.value, among: [object.key]) : ""),
                at: key.location
            )
        }
        let allowsNewObjects = targetSpec.allowsNewObjects?.value ?? (mode == .upsert)
        if mode == .createOnly && !allowsNewObjects {
            error(
                .writeMode,
                "a create_only job only creates rows: set 'allow_new_objects: true'",
                at: targetSpec.allowsNewObjects?.location ?? targetSpec.location
            )
        }
        return CompiledTarget(
            object: object,
            plan: Plan.Target(object: object.name, mode: mode, key: object.key, allowsNewObjects: allowsNewObjects)
        )
    }

    // MARK: Connection

    private mutating func compileConnection(source: CompiledSource?) -> Plan.Connection? {
        guard let connectionSpec = chain.lazy.compactMap(\.connection).first else {
            if let source, source.connector.needsConnection, !spec.isTemplate {
                error(
                    .missingKey,
                    "connector '\(source.connector.name)' reads over HTTP: add a 'connection' with its base URL and secrets",
                    at: spec.root
                )
            }
            return nil
        }
        let connector = connectionSpec.connector.flatMap { catalog.connector($0.value) }
        if let name = connectionSpec.connector {
            if connector == nil {
                error(
                    .unknownConnector,
                    "unknown connector '\(name.value)'"
                        + Suggestion.hint(for: name.value, among: catalog.connectors.map(\.name)),
                    at: name.location
                )
            } else if let source, source.connector.name != name.value {
                error(
                    .invalidValue,
                    "the connection speaks '\(name.value)' but the source reads '\(source.connector.name)'",
                    at: name.location
                )
            }
        }
        if let baseURL = connectionSpec.baseURL { checkBaseURL(baseURL) }
        var secrets: [String: SecretReference] = [:]
        var attempted: Set<String> = []  // written, though wrongly: not reported missing as well
        for (name, value) in connectionSpec.secrets {
            if let connector, !connector.secrets.contains(name.value) {
                error(
                    .unknownKey,
                    "connector '\(connector.name)' has no secret '\(name.value)'"
                        + Suggestion.hint(for: name.value, among: connector.secrets),
                    at: name.location
                )
            }
            switch value {
            case .literal(let location):
                attempted.insert(name.value)
                error(
                    .literalSecret,
                    "secret '\(name.value)' is written in the file; name where to read it: {env: VARIABLE} or {file: PATH}",
                    at: location
                )
            case .environment(let variable):
                if Interpolation.isVariableName(variable.value) {
                    secrets[name.value] = .environment(variable.value)
                } else {
                    attempted.insert(name.value)
                    error(
                        .invalidValue, "'\(variable.value)' is not an environment variable name", at: variable.location)
                }
            case .file(let path):
                secrets[name.value] = .file(path.value)
            }
        }
        if let connector, !connector.secretSets.isEmpty, !spec.isTemplate, connectionSpec.secretsAreWellFormed,
            !connector.secretSets.contains(where: { $0.allSatisfy { secrets[$0] != nil || attempted.contains($0) } })
        {
            let sets = connector.secretSets.map { $0.map { "'\($0)'" }.joined(separator: " and ") }
            error(
                .missingKey, "connection needs secrets \(sets.joined(separator: ", or ")) (under 'secrets:')",
                at: connectionSpec.location)
        }
        if let budget = connectionSpec.dailyRequestBudget, budget.value < 1 {
            error(.invalidValue, "daily_request_budget must be at least 1, not \(budget.value)", at: budget.location)
        }
        guard let name = connectionSpec.name, let connectorName = connectionSpec.connector else { return nil }
        return Plan.Connection(
            name: name.value, connector: connectorName.value, baseURL: connectionSpec.baseURL?.value, secrets: secrets,
            dailyRequestBudget: connectionSpec.dailyRequestBudget?.value
        )
    }

    /// Checks `${…}` syntax in a string that is resolved when a run starts.
    @discardableResult
    private mutating func checkInterpolation(_ text: Located<String>) -> [Interpolation.Part]? {
        do {
            return try Interpolation.parse(text.value)
        } catch {
            var location = text.location
            location.column += error.offset
            self.error(.badInterpolation, error.message, at: location)
            return nil
        }
    }

    /// A base URL must be http(s); plain http only to loopback; no credentials in it.
    private mutating func checkBaseURL(_ baseURL: Located<String>) {
        guard let parts = checkInterpolation(baseURL) else { return }
        let hasVariables = parts.contains { if case .variable = $0 { true } else { false } }
        let resolved = Interpolation.withDefaults(parts)
        if hasVariables && resolved.isEmpty { return }  // only known when the run starts
        guard let components = URLComponents(string: resolved), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            error(.invalidValue, "'\(resolved)' is not an http(s) URL", at: baseURL.location)
            return
        }
        if components.user != nil || components.password != nil {
            error(
                .literalSecret, "the base URL carries credentials; put them under 'secrets:' as {env: VARIABLE}",
                at: baseURL.location)
        }
        switch scheme {
        case "https":
            break
        case "http" where LoopbackHost.contains(host):
            break
        case "http":
            error(
                .insecureURL,
                "plain http is allowed only to loopback hosts (the sandbox, tests); use https for '\(host)'",
                at: baseURL.location
            )
        default:
            error(.invalidValue, "'\(resolved)' is not an http(s) URL", at: baseURL.location)
        }
    }

    // MARK: Attributes

    /// An attribute's expression with where it came from.
    private struct Entry {
        var name: Located<String>
        var expression: ExpressionSpec
        /// The template (or job) that locked it; nil for a plain mapping.
        var lockedBy: String?
    }

    private mutating func compileAttributes(record: FieldType, target: TargetObject) -> [Plan.Attribute] {
        var locked: [String: Entry] = [:]
        var mapped: [String: Entry] = [:]
        var required: [String: Located<String>] = [:]
        var lockOrigin: [String: String] = [:]
        // Farthest template first, so nearer files meet the locks of the farther ones.
        for file in chain.reversed() {
            let owner = file.name
            for entry in file.locked + file.mapping {
                let isLock = file.locked.contains { $0.name.location == entry.name.location }
                if let lock = locked[entry.name.value] {
                    let verb = isLock ? "re-locked" : "re-mapped"
                    error(
                        .lockedAttribute,
                        "'\(entry.name.value)' is locked by template '\(lockOrigin[entry.name.value] ?? owner)' and cannot be \(verb)",
                        at: entry.expression.location,
                        notes: [.note("locked here", at: lock.name.location, code: .lockedAttribute)]
                    )
                    continue
                }
                if isLock {
                    locked[entry.name.value] = Entry(name: entry.name, expression: entry.expression, lockedBy: owner)
                    lockOrigin[entry.name.value] = owner
                    mapped[entry.name.value] = nil
                } else {
                    mapped[entry.name.value] = Entry(name: entry.name, expression: entry.expression, lockedBy: nil)
                }
            }
            for name in file.required where required[name.value] == nil {
                required[name.value] = name
            }
        }
        var attributes: [Plan.Attribute] = []
        let entries = (Array(locked.values) + Array(mapped.values)).sorted { $0.name.location < $1.name.location }
        for entry in entries {
            guard let attribute = target.attribute(entry.name.value) else {
                error(
                    .unknownAttribute,
                    "\(target.name) has no attribute '\(entry.name.value)'"
                        + Suggestion.hint(for: entry.name.value, among: target.attributes.map(\.name)),
                    at: entry.name.location
                )
                continue
            }
            guard let expression = compileExpression(entry.expression, record: record, for: attribute) else { continue }
            attributes.append(
                Plan.Attribute(
                    name: attribute.name, expression: expression,
                    isRequired: attribute.isRequired || required[attribute.name] != nil, lockedBy: entry.lockedBy
                )
            )
        }
        for (name, location) in required where target.attribute(name) == nil {
            error(
                .unknownAttribute,
                "\(target.name) has no attribute '\(name)'"
                    + Suggestion.hint(for: name, among: target.attributes.map(\.name)),
                at: location.location
            )
        }
        if !spec.isTemplate {
            let mappedNames = Set(locked.keys).union(mapped.keys)
            for attribute in target.attributes where !mappedNames.contains(attribute.name) {
                guard attribute.isRequired || required[attribute.name] != nil else { continue }
                let origin = required[attribute.name]
                error(
                    .requiredAttribute,
                    "required attribute '\(attribute.name)' is not mapped; add it under 'mapping:'",
                    at: spec.mappingLocation ?? spec.root,
                    notes: origin.map { [.note("required here", at: $0.location, code: .requiredAttribute)] } ?? []
                )
            }
        }
        let order = Dictionary(uniqueKeysWithValues: target.attributes.enumerated().map { ($1.name, $0) })
        return attributes.sorted { (order[$0.name] ?? 0) < (order[$1.name] ?? 0) }
    }

    // MARK: Expressions

    private mutating func compileExpression(
        _ expression: ExpressionSpec, record: FieldType, for attribute: TargetAttribute
    ) -> MappingExpression? {
        guard let (compiled, type) = compileValue(expression, record: record, allowingTemplate: true) else {
            return nil
        }
        if !type.isAssignable(to: attribute.type) {
            error(
                .typeMismatch,
                "'\(attribute.name)' holds \(attribute.type.displayName) but the expression gives \(type.displayName)"
                    + Self.typeHint(attribute.type, type),
                at: expression.location
            )
            return nil
        }
        return compiled
    }

    private static func typeHint(_ attribute: AttributeType, _ value: ValueType) -> String {
        switch (attribute, value) {
        case (.reference("account"), _): "; use {resolve: account, from: <e-mail path>}"
        case (.reference("team_member"), _): "; use {resolve: team_member, by: email, from: <path>}"
        case (.participants, _): "; use {resolve: participants, from: <array path>}"
        case (.datetime, .scalar(.string)): "; add format: date to read it as an instant"
        default: ""
        }
    }

    private mutating func compileValue(
        _ expression: ExpressionSpec, record: FieldType, allowingTemplate: Bool
    ) -> (MappingExpression, ValueType)? {
        switch expression {
        case .constant(let value):
            return (.constant(value.value), .text)
        case .path(let text, let format, let fallback):
            guard let path = parsePath(text), let type = resolve(path, in: record, at: text.location) else {
                return nil
            }
            var valueType = ValueType(type)
            var valueFormat: ValueFormat?
            if let format {
                guard let parsed = ValueFormat(rawValue: format.value) else { return nil }
                valueFormat = parsed
                let element: FieldType = if case .array(let inner) = type { inner } else { type }
                switch parsed {
                case .date:
                    guard [.datetime, .string, .any].contains(element) else {
                        error(
                            .typeMismatch, "format 'date' needs a datetime field; '\(path)' is \(type.displayName)",
                            at: format.location)
                        return nil
                    }
                    valueType = .datetime
                case .duration:
                    guard [.integer, .number, .any].contains(element) else {
                        error(
                            .typeMismatch,
                            "format 'duration' needs a number of seconds; '\(path)' is \(type.displayName)",
                            at: format.location)
                        return nil
                    }
                    valueType = .text
                }
                if case .array = type { valueType = .list(.string) }
            }
            if fallback != nil, case .scalar = valueType { valueType = .text }
            return (.path(path, format: valueFormat, fallback: fallback?.value), valueType)
        case .resolve(let resolveSpec):
            return compileResolution(resolveSpec, record: record)
        case .template(let template):
            guard allowingTemplate else { return nil }
            return compileTemplate(template, record: record)
        }
    }

    private mutating func compileResolution(_ resolveSpec: ResolveSpec, record: FieldType) -> (
        MappingExpression, ValueType
    )? {
        guard let kindText = resolveSpec.kind, let kind = Resolution.Kind(rawValue: kindText.value),
            let fromText = resolveSpec.from, let from = parsePath(fromText),
            let type = resolve(from, in: record, at: fromText.location)
        else { return nil }
        let element: FieldType = if case .array(let inner) = type { inner } else { type }
        switch kind {
        case .account:
            guard element == .string || element == .any else {
                error(
                    .typeMismatch, "resolve account reads e-mail addresses; '\(from)' is \(type.displayName)",
                    at: fromText.location)
                return nil
            }
            return (.resolve(Resolution(kind: .account, from: from)), .reference("account"))
        case .teamMember:
            guard let keyText = resolveSpec.key else {
                error(
                    .missingKey,
                    "resolve team_member needs 'by': \(Resolution.Key.allCases.map(\.rawValue).joined(separator: ", "))",
                    at: resolveSpec.location
                )
                return nil
            }
            guard let key = Resolution.Key(rawValue: keyText.value) else { return nil }
            guard type == .string || type == .any else {
                error(
                    .typeMismatch, "resolve team_member reads one identifier; '\(from)' is \(type.displayName)",
                    at: fromText.location)
                return nil
            }
            return (.resolve(Resolution(kind: .teamMember, from: from, key: key)), .reference("team_member"))
        case .participants:
            guard case .array(let item) = type, case .object = item else {
                error(
                    .typeMismatch, "resolve participants reads an array of objects; '\(from)' is \(type.displayName)",
                    at: fromText.location)
                return nil
            }
            var members: [String: String] = [:]
            let defaults = ["email": "emailAddress", "name": "name", "affiliation": "affiliation"]
            for (role, fallback) in defaults {
                let written = resolveSpec.members[role]
                let member = written?.value ?? fallback
                if item.member(member) == nil {
                    if let written {
                        error(
                            .unknownField,
                            "elements of '\(from)' have no field '\(member)'"
                                + Suggestion.hint(for: member, among: item.members.map(\.name)),
                            at: written.location
                        )
                        return nil
                    }
                    if role == "email" {
                        error(
                            .missingKey,
                            "elements of '\(from)' have no 'emailAddress': name the e-mail field with 'email:'",
                            at: resolveSpec.location
                        )
                        return nil
                    }
                    continue
                }
                members[role] = member
            }
            return (.resolve(Resolution(kind: .participants, from: from, members: members)), .participants)
        }
    }

    private mutating func compileTemplate(_ template: TemplateSpec, record: FieldType) -> (
        MappingExpression, ValueType
    )? {
        guard let text = template.text else {
            error(.missingKey, "a template expression needs its Mustache text under 'template:'", at: template.location)
            return nil
        }
        var values: [BodyTemplate.Value] = []
        var valid = true
        for value in template.values {
            guard let (expression, type) = compileValue(value.expression, record: record, allowingTemplate: false)
            else {
                valid = false
                continue
            }
            switch type {
            case .scalar(let field) where !field.isScalar && field != .any:
                error(
                    .typeMismatch,
                    "template value '\(value.name.value)' is \(type.displayName); pick a text field inside it",
                    at: value.expression.location
                )
                valid = false
            case .list(let field) where !field.isScalar && field != .any:
                let example =
                    field.members.first { $0.type.isScalar }.map {
                        " such as '\(value.expression.pathText ?? "").\($0.name)'"
                    } ?? ""
                error(
                    .typeMismatch,
                    "template value '\(value.name.value)' is a \(type.displayName); pick a field of its elements\(example)",
                    at: value.expression.location
                )
                valid = false
            case .reference, .participants:
                error(
                    .typeMismatch, "template values are text or lists of text, not \(type.displayName)",
                    at: value.expression.location)
                valid = false
            default:
                values.append(BodyTemplate.Value(name: value.name.value, expression: expression))
            }
        }
        let startLine = text.location.line
        let indent = template.blockIndent
        let locate: (Int, Int) -> SourceLocation = { line, column in
            guard let indent else {
                return SourceLocation(
                    file: text.location.file, line: startLine, column: text.location.column + column - 1)
            }
            return SourceLocation(file: text.location.file, line: startLine + line, column: indent + column - 1)
        }
        let problems = MustacheCheck.check(text.value, values: Set(template.values.map(\.name.value)), locate: locate)
        diagnostics += problems
        guard valid, problems.isEmpty else { return nil }
        return (
            .template(BodyTemplate(text: text.value, values: values, missing: template.missing ?? "not set")), .text
        )
    }

    // MARK: Sync and schedule

    private mutating func compileSync(source: CompiledSource?) -> Plan.SyncSettings? {
        let cursorText = chain.lazy.compactMap { $0.sync?.cursor }.first
        let backfillText = chain.lazy.compactMap { $0.sync?.initialBackfill }.first
        let lookbackText = chain.lazy.compactMap { $0.sync?.lookback }.first
        var cursor = source?.object.defaultCursor
        if let cursorText, let source, let path = parsePath(cursorText) {
            if let type = resolve(path, in: source.record, at: cursorText.location) {
                if type == .datetime || type == .any {
                    cursor = path
                } else {
                    error(
                        .typeMismatch, "the cursor must be a datetime field; '\(path)' is \(type.displayName)",
                        at: cursorText.location)
                }
            }
        }
        let backfill = duration(backfillText) ?? Self.defaultBackfill
        let lookback = duration(lookbackText) ?? .zero
        return Plan.SyncSettings(cursor: cursor, initialBackfill: backfill, lookback: lookback)
    }

    private mutating func duration(_ text: Located<String>?) -> Duration? {
        guard let text else { return nil }
        guard let value = DurationText.parse(text.value) else {
            error(
                .badDuration, "'\(text.value)' is not a duration; write a number and a unit: 30m, 12h, 7d, 1d12h",
                at: text.location)
            return nil
        }
        return value
    }

    private mutating func compileSchedule() -> Plan.Schedule {
        let scheduleSpec = chain.lazy.compactMap(\.schedule)
        let cronText = scheduleSpec.compactMap(\.cron).first
        let timezoneText = scheduleSpec.compactMap(\.timezone).first
        if let cronText {
            do {
                _ = try CronSchedule(parsing: cronText.value)
            } catch {
                var location = cronText.location
                if let field = error.field {
                    location.column += Self.offsetOfField(field, in: cronText.value)
                }
                self.error(.badCron, "bad cron '\(cronText.value)': \(error.message)", at: location)
            }
        }
        if let timezoneText, TimeZone(identifier: timezoneText.value) == nil {
            let known = TimeZone.knownTimeZoneIdentifiers
            error(
                .badTimezone,
                "unknown time zone '\(timezoneText.value)'; use an IANA name such as 'Europe/Paris'"
                    + Suggestion.hint(for: timezoneText.value, among: known),
                at: timezoneText.location
            )
        }
        return Plan.Schedule(
            cron: cronText?.value ?? Self.defaultCron,
            timezone: timezoneText?.value,
            syncsOnSave: scheduleSpec.compactMap(\.syncsOnSave).first?.value ?? false,
            isEnabled: scheduleSpec.compactMap(\.isEnabled).first?.value ?? true
        )
    }

    /// The column offset of cron field `field` (0-based) within `text`.
    private static func offsetOfField(_ field: Int, in text: String) -> Int {
        var offset = 0
        var seen = -1
        var inField = false
        for character in text {
            if character == " " || character == "\t" {
                inField = false
            } else if !inField {
                inField = true
                seen += 1
                if seen == field { return offset }
            }
            offset += 1
        }
        return 0
    }
}

extension ExpressionSpec {
    /// The path text, for a path expression.
    fileprivate var pathText: String? {
        if case .path(let text, _, _) = self { return text.value }
        return nil
    }
}
