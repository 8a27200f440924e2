/// A compiled job: everything the engine and the runner need, with no reference back to YAML.
///
/// Plans are stored as JSON in the staging database. Strings that may hold `${VAR}` references (base URL,
/// source options) are kept as written and resolved when a run starts; secrets are stored only as the
/// names of where to read them.
package struct Plan: Sendable, Hashable, Codable {
    /// The job's slug (its file's stem).
    package var job: String
    /// What the job does, for `jobs` and `plan`.
    package var summary: String?
    /// The template chain, nearest first (`["gong-touchpoints"]`).
    package var extends: [String]
    /// How to reach the source, when the connector needs a connection.
    package var connection: Connection?
    /// What is read.
    package var source: Source
    /// What is written.
    package var target: Target
    /// Target attributes and how each is computed, in the target object's order.
    package var attributes: [Attribute]
    /// Incremental reading.
    package var sync: SyncSettings
    /// When the runner starts the job.
    package var schedule: Schedule
    /// Jobs that run before this one when both are due at the same instant.
    package var dependsOn: [String]

    /// Creates a plan.
    package init(
        job: String, summary: String?, extends: [String], connection: Connection?, source: Source,
        target: Target, attributes: [Attribute], sync: SyncSettings, schedule: Schedule, dependsOn: [String] = []
    ) {
        self.dependsOn = dependsOn
        self.job = job
        self.summary = summary
        self.extends = extends
        self.connection = connection
        self.source = source
        self.target = target
        self.attributes = attributes
        self.sync = sync
        self.schedule = schedule
    }

    private enum CodingKeys: String, CodingKey {
        case job, summary, extends, connection, source, target, attributes, sync, schedule, dependsOn
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        job = try container.decode(String.self, forKey: .job)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        extends = try container.decode([String].self, forKey: .extends)
        connection = try container.decodeIfPresent(Connection.self, forKey: .connection)
        source = try container.decode(Source.self, forKey: .source)
        target = try container.decode(Target.self, forKey: .target)
        attributes = try container.decode([Attribute].self, forKey: .attributes)
        sync = try container.decode(SyncSettings.self, forKey: .sync)
        schedule = try container.decode(Schedule.self, forKey: .schedule)
        dependsOn = try container.decodeIfPresent([String].self, forKey: .dependsOn) ?? []
    }

    // `dependsOn` is written only when there is one, so plans without dependencies keep their content hash.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(job, forKey: .job)
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encode(extends, forKey: .extends)
        try container.encodeIfPresent(connection, forKey: .connection)
        try container.encode(source, forKey: .source)
        try container.encode(target, forKey: .target)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(sync, forKey: .sync)
        try container.encode(schedule, forKey: .schedule)
        if !dependsOn.isEmpty { try container.encode(dependsOn, forKey: .dependsOn) }
    }

    /// A named connection: connector, base URL, and where its secrets are read from.
    package struct Connection: Sendable, Hashable, Codable {
        /// The connection's name.
        package var name: String
        /// The connector it speaks.
        package var connector: ConnectorID
        /// The base URL as written (may hold `${VAR}`), or the connector's default; nil when it has none.
        package var baseURL: String?
        /// Secret name to where its value is read; never the value.
        package var secrets: [String: SecretReference]
        /// HTTP requests allowed per UTC day on this connection's host: the connection's, else the connector's
        /// default; nil for no budget.
        package var dailyRequestBudget: Int?

        /// Creates a connection.
        package init(
            name: String, connector: ConnectorID, baseURL: String?, secrets: [String: SecretReference],
            dailyRequestBudget: Int? = nil
        ) {
            self.name = name
            self.connector = connector
            self.baseURL = baseURL
            self.secrets = secrets
            self.dailyRequestBudget = dailyRequestBudget
        }
    }

    /// The source object and the fields read from it.
    package struct Source: Sendable, Hashable, Codable {
        /// The connector.
        package var connector: ConnectorID
        /// The connector's object.
        package var object: ObjectName
        /// Connector options as written (`path` for files; may hold `${VAR}`).
        package var options: [String: String]
        /// Every field the job reads, sorted, with its type.
        package var fields: [Field]
        /// The field that identifies a record in the source (for rejections), when there is one.
        package var idField: FieldPath?
        /// How later runs find what is new (by cursor, or by new files).
        package var increments: SourceObject.Increments

        /// Creates a source.
        package init(
            connector: ConnectorID, object: ObjectName, options: [String: String], fields: [Field], idField: FieldPath?,
            increments: SourceObject.Increments = .cursor
        ) {
            self.connector = connector
            self.object = object
            self.options = options
            self.fields = fields
            self.idField = idField
            self.increments = increments
        }

        private enum CodingKeys: String, CodingKey {
            case connector, object, options, fields, idField, increments
        }

        // Plans stored before `increments` existed read as cursor-incremental.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            connector = try container.decode(ConnectorID.self, forKey: .connector)
            object = try container.decode(ObjectName.self, forKey: .object)
            options = try container.decode([String: String].self, forKey: .options)
            fields = try container.decode([Field].self, forKey: .fields)
            idField = try container.decodeIfPresent(FieldPath.self, forKey: .idField)
            increments = try container.decodeIfPresent(SourceObject.Increments.self, forKey: .increments) ?? .cursor
        }

        // `increments` is written only when it is not the default, so cursor plans keep their content hash.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(connector, forKey: .connector)
            try container.encode(object, forKey: .object)
            try container.encode(options, forKey: .options)
            try container.encode(fields, forKey: .fields)
            try container.encodeIfPresent(idField, forKey: .idField)
            if increments != .cursor { try container.encode(increments, forKey: .increments) }
        }

        /// A source field and its type name.
        package struct Field: Sendable, Hashable, Codable {
            /// The path.
            package var path: FieldPath
            /// The type, as shown to users (`string`, `array of object`).
            package var type: String

            /// Creates a field.
            package init(path: FieldPath, type: String) {
                self.path = path
                self.type = type
            }
        }
    }

    /// The target object and how rows are written.
    package struct Target: Sendable, Hashable, Codable {
        /// The target object.
        package var object: TargetID
        /// Create-only or upsert.
        package var mode: WriteMode
        /// The key attribute.
        package var key: String
        /// Whether the job may create rows (create-only jobs must).
        package var allowsNewObjects: Bool

        /// Creates a target.
        package init(object: TargetID, mode: WriteMode, key: String, allowsNewObjects: Bool) {
            self.object = object
            self.mode = mode
            self.key = key
            self.allowsNewObjects = allowsNewObjects
        }
    }

    /// One mapped target attribute.
    package struct Attribute: Sendable, Hashable, Codable {
        /// The attribute name.
        package var name: String
        /// How its value is computed.
        package var expression: MappingExpression
        /// Whether a row without a value is rejected.
        package var isRequired: Bool
        /// The template that locked it, when it is locked.
        package var lockedBy: String?
        /// Whether the job did not map it and it takes the target's or the project's default.
        package var isDefault: Bool

        /// Whether the integration fixes it.
        package var isLocked: Bool { lockedBy != nil }

        /// Creates an attribute.
        package init(
            name: String, expression: MappingExpression, isRequired: Bool, lockedBy: String?, isDefault: Bool = false
        ) {
            self.name = name
            self.expression = expression
            self.isRequired = isRequired
            self.lockedBy = lockedBy
            self.isDefault = isDefault
        }

        private enum CodingKeys: String, CodingKey {
            case name, expression, isRequired, lockedBy, isDefault
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            expression = try container.decode(MappingExpression.self, forKey: .expression)
            isRequired = try container.decode(Bool.self, forKey: .isRequired)
            lockedBy = try container.decodeIfPresent(String.self, forKey: .lockedBy)
            isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
        }

        // Written only when true, so plans without defaults keep their content hash.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(expression, forKey: .expression)
            try container.encode(isRequired, forKey: .isRequired)
            try container.encodeIfPresent(lockedBy, forKey: .lockedBy)
            if isDefault { try container.encode(true, forKey: .isDefault) }
        }
    }

    /// Incremental reading: the cursor and the windows.
    package struct SyncSettings: Sendable, Hashable, Codable {
        /// The datetime field compared with the watermark; nil reads everything each run.
        package var cursor: FieldPath?
        /// How far back the first run reads.
        package var initialBackfill: Duration
        /// How far before the watermark later runs start again, for late-arriving records.
        package var lookback: Duration

        /// Creates sync settings.
        package init(cursor: FieldPath?, initialBackfill: Duration, lookback: Duration) {
            self.cursor = cursor
            self.initialBackfill = initialBackfill
            self.lookback = lookback
        }

        private enum CodingKeys: String, CodingKey {
            case cursor
            case initialBackfillSeconds = "initial_backfill_seconds"
            case lookbackSeconds = "lookback_seconds"
        }

        // Durations are stored as whole seconds, so plans read plainly in `sqlite3`.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cursor = try container.decodeIfPresent(FieldPath.self, forKey: .cursor)
            initialBackfill = .seconds(try container.decode(Int64.self, forKey: .initialBackfillSeconds))
            lookback = .seconds(try container.decode(Int64.self, forKey: .lookbackSeconds))
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(cursor, forKey: .cursor)
            try container.encode(initialBackfill.components.seconds, forKey: .initialBackfillSeconds)
            try container.encode(lookback.components.seconds, forKey: .lookbackSeconds)
        }
    }

    /// When the runner starts the job.
    package struct Schedule: Sendable, Hashable, Codable {
        /// Five-field cron: minute hour day-of-month month day-of-week.
        package var cron: String
        /// IANA time zone; nil for the instance's.
        package var timezone: String?
        /// Whether `apply` starts a sync at once.
        package var syncsOnSave: Bool
        /// Whether the runner schedules it at all.
        package var isEnabled: Bool

        /// Creates a schedule.
        package init(cron: String, timezone: String?, syncsOnSave: Bool, isEnabled: Bool) {
            self.cron = cron
            self.timezone = timezone
            self.syncsOnSave = syncsOnSave
            self.isEnabled = isEnabled
        }
    }
}

/// Where a secret's value is read: an environment variable or a file the user names. Never the value.
package enum SecretReference: Sendable, Hashable, Codable, CustomStringConvertible {
    case environment(String)
    case file(String)

    /// `env GONG_ACCESS_KEY` or `file /run/secrets/x`: safe to print.
    package var description: String {
        switch self {
        case .environment(let name): "env \(name)"
        case .file(let path): "file \(path)"
        }
    }
}
