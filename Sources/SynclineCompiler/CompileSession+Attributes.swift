import SynclineCore
import SynclineSpec

extension CompileSession {
    /// An attribute's expression with where it came from.
    struct Entry {
        var name: Located<String>
        var expression: ExpressionSpec
        /// The template (or job) that locked it; nil for a plain mapping.
        var lockedBy: String?
    }

    /// Merges the chain's locks and mappings (farthest template first), checks each against the target, adds
    /// defaults for attributes left unmapped, and reports required attributes that are not mapped.
    mutating func compileAttributes(record: FieldType, target: TargetDescriptor) -> [Plan.Attribute] {
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
                    "\(target.id) has no attribute '\(entry.name.value)'"
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
                "\(target.id) has no attribute '\(name)'"
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
        // What a job does not map takes the project's default, else the target's (a touchpoint's flow).
        let written = Set(locked.keys).union(mapped.keys)
        for attribute in target.attributes where !written.contains(attribute.name) {
            guard let value = project.defaults[target.id]?[attribute.name] ?? attribute.defaultValue else { continue }
            attributes.append(
                Plan.Attribute(
                    name: attribute.name, expression: .constant(value), isRequired: attribute.isRequired,
                    lockedBy: nil, isDefault: true)
            )
        }
        let order = Dictionary(uniqueKeysWithValues: target.attributes.enumerated().map { ($1.name, $0) })
        return attributes.sorted { (order[$0.name] ?? 0) < (order[$1.name] ?? 0) }
    }
}
