/// Everything the compiler checks a job against: connectors with their objects, and target objects.
package struct Catalog: Sendable {
    /// The connectors, in the order `validate` suggests them.
    package var connectors: [ConnectorCatalog]
    /// The target objects of the staging model.
    package var targets: [TargetDescriptor]

    /// Creates a catalogue.
    package init(connectors: [ConnectorCatalog], targets: [TargetDescriptor] = TargetDescriptor.standard) {
        self.connectors = connectors
        self.targets = targets
    }

    /// The connector named `name`.
    package func connector(_ name: ConnectorID) -> ConnectorCatalog? { connectors.first { $0.id == name } }

    /// The target object named `name`.
    package func target(_ name: TargetID) -> TargetDescriptor? { targets.first { $0.id == name } }
}

/// What one connector offers: its objects, the settings a connection needs, and the secrets it reads.
package struct ConnectorCatalog: Sendable {
    /// The connector's name in job files.
    package var id: ConnectorID
    /// One line on what it reads.
    package var summary: String
    /// Whether a job must name a `connection` (HTTP connectors) or reads without one (files).
    package var needsConnection: Bool
    /// The base URL used when a connection names none.
    package var defaultBaseURL: String?
    /// HTTP requests per UTC day a connection may make when it names no `daily_request_budget`; nil: no budget.
    package var defaultDailyRequestBudget: Int?
    /// Secret names a connection may give (`access_key`), each read from an environment variable or file.
    package var secrets: [String]
    /// Alternative sets of secrets that authenticate (`[["access_key", "access_key_secret"], ["bearer_token"]]`).
    package var secretSets: [[String]]
    /// The objects it reads.
    package var objects: [SourceObject]

    /// Creates a connector description.
    package init(
        id: ConnectorID, summary: String, needsConnection: Bool, defaultBaseURL: String? = nil,
        defaultDailyRequestBudget: Int? = nil, secrets: [String] = [], secretSets: [[String]] = [],
        objects: [SourceObject]
    ) {
        self.id = id
        self.summary = summary
        self.needsConnection = needsConnection
        self.defaultBaseURL = defaultBaseURL
        self.defaultDailyRequestBudget = defaultDailyRequestBudget
        self.secrets = secrets
        self.secretSets = secretSets
        self.objects = objects
    }

    /// The object named `name`.
    package func object(_ name: ObjectName) -> SourceObject? { objects.first { $0.name == name } }
}

/// One readable object of a connector: the shape of its records and how they are read incrementally.
package struct SourceObject: Sendable {
    /// The object's name in job files (`calls`).
    package var name: ObjectName
    /// One line on what a record is.
    package var summary: String
    /// The record type: an object whose members are the fields a job may use.
    package var record: FieldType
    /// Whether jobs declare the fields themselves with types (CSV and NDJSON files), instead of the catalogue.
    package var declaresFields: Bool
    /// The field that identifies a record (`metaData.id`), for rejection reports and de-duplication.
    package var idField: FieldPath?
    /// The default incremental cursor (`metaData.started`); nil for objects read whole each run.
    package var defaultCursor: FieldPath?
    /// How later runs find what is new.
    package var increments: Increments
    /// Options a job may set under `source:` (`path` for files), with whether each is required.
    package var options: [Option]

    /// How a source tells later runs what is new.
    package enum Increments: String, Sendable, Hashable, Codable {
        /// By the cursor: later runs read records whose cursor is after the watermark (minus the lookback).
        case cursor
        /// By file: later runs read new and changed files whole, whatever their records' cursors; only the
        /// first run bounds the cursor (the initial backfill).
        case newFiles = "new_files"
    }

    /// A setting of a source object.
    package struct Option: Sendable, Hashable {
        /// The key under `source:`.
        package var name: String
        /// Whether a job must set it.
        package var isRequired: Bool
        /// The values allowed, when it is an enumeration.
        package var allowedValues: [String]?
        /// One line on what it does.
        package var summary: String

        /// Creates an option.
        package init(_ name: String, isRequired: Bool = false, allowedValues: [String]? = nil, summary: String) {
            self.name = name
            self.isRequired = isRequired
            self.allowedValues = allowedValues
            self.summary = summary
        }
    }

    /// Creates a source object.
    package init(
        name: ObjectName, summary: String, record: FieldType, declaresFields: Bool = false,
        idField: FieldPath? = nil, defaultCursor: FieldPath? = nil, increments: Increments = .cursor,
        options: [Option] = []
    ) {
        self.name = name
        self.summary = summary
        self.record = record
        self.declaresFields = declaresFields
        self.idField = idField
        self.defaultCursor = defaultCursor
        self.increments = increments
        self.options = options
    }
}
