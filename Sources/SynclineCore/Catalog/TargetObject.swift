/// A staging-model object a job writes (`touchpoint`, `team_member`, `account`, `contact`).
package struct TargetObject: Sendable {
    /// The object's name in job files.
    package var name: String
    /// One line on what a row is.
    package var summary: String
    /// The attribute that identifies a row.
    package var key: String
    /// The attributes, in the order the README and `plan` show them.
    package var attributes: [TargetAttribute]
    /// The write modes this object accepts.
    package var modes: [WriteMode]

    /// Creates a target object.
    package init(name: String, summary: String, key: String, attributes: [TargetAttribute], modes: [WriteMode]) {
        self.name = name
        self.summary = summary
        self.key = key
        self.attributes = attributes
        self.modes = modes
    }

    /// The attribute named `name`.
    package func attribute(_ name: String) -> TargetAttribute? { attributes.first { $0.name == name } }
}

/// One attribute of a target object.
package struct TargetAttribute: Sendable, Hashable {
    /// The attribute's snake_case name.
    package var name: String
    /// What values it holds.
    package var type: AttributeType
    /// Whether every row must have it (the staging table's NOT NULL), whatever the job says.
    package var isRequired: Bool
    /// One line on what it holds.
    package var summary: String

    /// Creates an attribute.
    package init(_ name: String, _ type: AttributeType, isRequired: Bool = false, _ summary: String) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.summary = summary
    }
}

/// The kind of value a target attribute stores.
package enum AttributeType: Sendable, Hashable, Codable {
    case string
    /// Long free text (a touchpoint body).
    case text
    case integer
    case boolean
    /// An instant, stored as UTC ISO-8601 text (`2026-03-04T17:02:41Z`).
    case datetime
    /// The id of a row of another target object (`account`, `team_member`).
    case reference(String)
    /// A JSON array of participant objects.
    case participants

    /// A short name for messages and `plan`.
    package var displayName: String {
        switch self {
        case .string: "string"
        case .text: "text"
        case .integer: "integer"
        case .boolean: "boolean"
        case .datetime: "datetime"
        case .reference(let object): "\(object) id"
        case .participants: "participants"
        }
    }
}

/// How a job writes rows of its target.
package enum WriteMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Insert rows whose key is new; skip (and count) rows that exist. Never updates.
    case createOnly = "create_only"
    /// Insert new rows, update existing ones (reference data).
    case upsert
}
