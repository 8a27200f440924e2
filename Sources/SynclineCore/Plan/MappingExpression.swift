/// How a target attribute's value is computed from a source record.
package indirect enum MappingExpression: Sendable, Hashable, Codable {
    /// A source path, optionally formatted, with a fallback when the path is absent or null.
    case path(FieldPath, format: ValueFormat?, fallback: String?)
    /// A fixed value.
    case constant(String)
    /// A look-up in the staging database (`account` from e-mails, `team_member` from a user id).
    case resolve(Resolution)
    /// A Mustache template rendered as plain text.
    case template(BodyTemplate)

    /// The source paths the expression reads.
    package var paths: [FieldPath] {
        switch self {
        case .path(let path, _, _): [path]
        case .constant: []
        case .resolve(let resolution) where resolution.kind == .participants && !resolution.members.isEmpty:
            // Only the members used, so readers skip the rest of each participant (CRM context, phone, …).
            resolution.members.values.sorted().map { member in
                var segments = resolution.from.segments
                segments[segments.count - 1].isEach = true
                return FieldPath(segments: segments + [FieldPath.Segment(name: member)])
            }
        case .resolve(let resolution): [resolution.from]
        case .template(let template): template.values.flatMap(\.expression.paths)
        }
    }
}

/// A formatter applied to a source value.
package enum ValueFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// An instant as UTC ISO-8601 with whole seconds: `2026-03-04T17:02:41Z`.
    case date
    /// A number of seconds as whole minutes: `31 min`.
    case duration
}

/// A staging look-up that turns source values into the id of a known row.
package struct Resolution: Sendable, Hashable, Codable {
    /// What is looked up.
    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The account of a list of e-mails: known contact first, then the e-mail's domain.
        case account
        /// The team member with a source user id or e-mail.
        case teamMember = "team_member"
        /// Participant objects (e-mail, name, affiliation), each matched to a team member or contact.
        case participants

        /// The target whose ids the look-up gives; nil for participants.
        package var target: TargetID? {
            switch self {
            case .account: .account
            case .teamMember: .teamMember
            case .participants: nil
            }
        }
    }

    /// What is looked up.
    package var kind: Kind
    /// The source path read.
    package var from: FieldPath
    /// For `team_member`: which of the target's look-up keys `from` holds (`email`, `gong_user_id`).
    package var key: String?
    /// For `participants`: member names inside each element (`email`, `name`, `affiliation`).
    package var members: [String: String]

    /// Creates a resolution.
    package init(kind: Kind, from: FieldPath, key: String? = nil, members: [String: String] = [:]) {
        self.kind = kind
        self.from = from
        self.key = key
        self.members = members
    }
}

/// A Mustache body template with the named values it may use.
package struct BodyTemplate: Sendable, Hashable, Codable {
    /// A name the template uses, and how its value is computed.
    package struct Value: Sendable, Hashable, Codable {
        /// The name in `{{name}}`.
        package var name: String
        /// How it is computed; list paths give lists for `{{#name}}…{{/name}}` sections.
        package var expression: MappingExpression

        /// Creates a named value.
        package init(name: String, expression: MappingExpression) {
            self.name = name
            self.expression = expression
        }
    }

    /// The Mustache source, rendered as plain text (no HTML escaping).
    package var text: String
    /// The values, in the order written.
    package var values: [Value]
    /// What a missing scalar value renders as.
    package var missing: String

    /// Creates a template.
    package init(text: String, values: [Value], missing: String = "not set") {
        self.text = text
        self.values = values
        self.missing = missing
    }
}
