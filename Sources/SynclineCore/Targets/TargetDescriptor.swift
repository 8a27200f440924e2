/// Everything Syncline knows about one target object of the staging model, in one place: its attributes, key,
/// table, the columns the store adds, and the side tables it feeds.
///
/// The job format's allowed targets, the compiler, the mapper, `plan` and the store's writer all read this;
/// none of them special-cases a target by name. Adding a target is one descriptor in `TargetDescriptor.standard`
/// and the migration that creates its table.
package struct TargetDescriptor: Sendable {
    /// The object's name in job files.
    package var id: TargetID
    /// One line on what a row is.
    package var summary: String
    /// The staging table rows are written to.
    package var table: String
    /// The attribute that identifies a row (the table's primary key).
    package var key: String
    /// The attributes, in the order the README and `plan` show them.
    package var attributes: [TargetAttribute]
    /// The write modes it accepts.
    package var modes: [WriteMode]
    /// Columns the store fills on every write (`source_job`, `created_at`, …).
    package var bookkeeping: [BookkeepingColumn]
    /// Columns computed from how an attribute was mapped (`account_resolution`).
    package var derivedColumns: [DerivedColumn]
    /// Attributes stored in a table of their own (an account's e-mail domains).
    package var sideTables: [SideTable]
    /// Whether resolvers read it (accounts, domains, contacts, team members): when its rows change, records
    /// rejected earlier may now resolve, and the next run of their job tries them again.
    package var isReferenceData: Bool
    /// Attributes a `resolve` may look rows up by (`email`, `gong_user_id`), for look-ups of this target.
    package var lookupKeys: [String]
    /// What to write for an attribute of this target's id type that a path cannot give (a resolver), for messages.
    package var resolveHint: String?

    /// Creates a descriptor.
    package init(
        id: TargetID, summary: String, table: String, key: String, attributes: [TargetAttribute],
        modes: [WriteMode], bookkeeping: [BookkeepingColumn], derivedColumns: [DerivedColumn] = [],
        sideTables: [SideTable] = [], isReferenceData: Bool = false, lookupKeys: [String] = [],
        resolveHint: String? = nil
    ) {
        self.id = id
        self.summary = summary
        self.table = table
        self.key = key
        self.attributes = attributes
        self.modes = modes
        self.bookkeeping = bookkeeping
        self.derivedColumns = derivedColumns
        self.sideTables = sideTables
        self.isReferenceData = isReferenceData
        self.lookupKeys = lookupKeys
        self.resolveHint = resolveHint
    }

    /// The attribute named `name`.
    package func attribute(_ name: String) -> TargetAttribute? { attributes.first { $0.name == name } }

    /// The side table an attribute is stored in, when it is not a column of the main table.
    package func sideTable(of attribute: String) -> SideTable? { sideTables.first { $0.attribute == attribute } }
}

/// One attribute of a target object.
package struct TargetAttribute: Sendable, Hashable {
    /// The attribute's snake_case name: the column it is stored in, unless a side table holds it.
    package var name: String
    /// What values it holds.
    package var type: AttributeType
    /// Whether every row must have it (the staging table's NOT NULL), whatever the job says.
    package var isRequired: Bool
    /// The value a job that does not map it writes (the project's `defaults:` may change it); nil: none.
    package var defaultValue: String?
    /// One line on what it holds.
    package var summary: String

    /// Creates an attribute.
    package init(
        _ name: String, _ type: AttributeType, isRequired: Bool = false, defaultValue: String? = nil, _ summary: String
    ) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// Whether a project may give it a default: plain text attributes only.
    package var acceptsDefault: Bool { type == .string || type == .text }
}

/// A column the store fills itself on every write.
package struct BookkeepingColumn: Sendable, Hashable {
    /// What the column holds.
    package enum Value: Sendable, Hashable {
        /// The job's name.
        case job
        /// The run's id.
        case run
        /// The commit's time (UTC ISO-8601).
        case now
    }

    /// The column.
    package var name: String
    /// What it holds.
    package var value: Value
    /// Whether an upsert that updates a row writes it again (`updated_at`), or only an insert does (`created_at`).
    package var isRewrittenOnUpdate: Bool

    /// Creates a bookkeeping column.
    package init(_ name: String, _ value: Value, isRewrittenOnUpdate: Bool) {
        self.name = name
        self.value = value
        self.isRewrittenOnUpdate = isRewrittenOnUpdate
    }
}

/// A column computed from how an attribute was mapped.
package struct DerivedColumn: Sendable, Hashable {
    /// The column.
    package var name: String
    /// The attribute it describes; the column is written only by jobs that map it.
    package var attribute: String
    /// What a plain mapping (not a resolver) writes (`mapped`).
    package var whenMapped: String

    /// A column holding how `attribute` was resolved (`contact`, `domain`, `tie`), or `whenMapped`.
    package init(_ name: String, resolutionOf attribute: String, whenMapped: String) {
        self.name = name
        self.attribute = attribute
        self.whenMapped = whenMapped
    }
}

/// A table that holds one attribute's values for a row, so a row may have many (an account's e-mail domains).
package struct SideTable: Sendable, Hashable {
    /// The table.
    package var table: String
    /// The attribute it stores.
    package var attribute: String
    /// The column holding the value (its primary key: one owner per value).
    package var valueColumn: String
    /// The column holding the owning row's key.
    package var ownerColumn: String
    /// Whether values are compared case-insensitively (and stored lower-cased).
    package var isCaseInsensitive: Bool

    /// Creates a side table.
    package init(table: String, attribute: String, valueColumn: String, ownerColumn: String, isCaseInsensitive: Bool) {
        self.table = table
        self.attribute = attribute
        self.valueColumn = valueColumn
        self.ownerColumn = ownerColumn
        self.isCaseInsensitive = isCaseInsensitive
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
    case reference(TargetID)
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
