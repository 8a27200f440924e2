import SynclineCore
import SynclineSpec

extension CompileSession {
    /// Compiles an attribute's expression and checks its type against the attribute's.
    mutating func compileExpression(
        _ expression: ExpressionSpec, record: FieldType, for attribute: TargetAttribute
    ) -> MappingExpression? {
        guard let (compiled, type) = compileValue(expression, record: record, allowingTemplate: true) else {
            return nil
        }
        if !type.isAssignable(to: attribute.type) {
            error(
                .typeMismatch,
                "'\(attribute.name)' holds \(attribute.type.displayName) but the expression gives \(type.displayName)"
                    + typeHint(attribute.type, type),
                at: expression.location
            )
            return nil
        }
        return compiled
    }

    private func typeHint(_ attribute: AttributeType, _ value: ValueType) -> String {
        switch (attribute, value) {
        case (.reference(let target), _): catalog.target(target)?.resolveHint.map { "; " + $0 } ?? ""
        case (.participants, _): "; use {resolve: participants, from: <array path>}"
        case (.datetime, .scalar(.string)): "; add format: date to read it as an instant"
        default: ""
        }
    }

    mutating func compileValue(
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

    mutating func compileResolution(_ resolveSpec: ResolveSpec, record: FieldType) -> (
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
            return (.resolve(Resolution(kind: .account, from: from)), .reference(.account))
        case .teamMember:
            let keys = catalog.target(.teamMember)?.lookupKeys ?? []
            guard let keyText = resolveSpec.key else {
                error(
                    .missingKey, "resolve team_member needs 'by': \(keys.joined(separator: ", "))",
                    at: resolveSpec.location)
                return nil
            }
            guard keys.contains(keyText.value) else { return nil }
            let key = keyText.value
            guard type == .string || type == .any else {
                error(
                    .typeMismatch, "resolve team_member reads one identifier; '\(from)' is \(type.displayName)",
                    at: fromText.location)
                return nil
            }
            return (.resolve(Resolution(kind: .teamMember, from: from, key: key)), .reference(.teamMember))
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

    mutating func compileTemplate(_ template: TemplateSpec, record: FieldType) -> (
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
}

extension ExpressionSpec {
    /// The path text, for a path expression.
    fileprivate var pathText: String? {
        if case .path(let text, _, _) = self { return text.value }
        return nil
    }
}
