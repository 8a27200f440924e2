import SynclineCore

extension Shape {
    /// The shape of a job file, version 1.
    package static let job: Shape = .object(
        summary: "A Syncline integration job (version 1). A job's name is its file's stem.",
        properties: [
            .init("version", .integer(summary: "Format version; must be 1."), isRequired: true),
            .init("job", .string(summary: "The job's slug; must equal the file's stem when given.")),
            .init("description", .string(summary: "What the job does, shown by `syncline jobs`.")),
            .init(
                "template",
                .boolean(summary: "Marks a template: other jobs extend it; it is validated but never applied.")
            ),
            .init(
                "extends",
                .string(summary: "A template whose required and locked attributes apply (name or relative path).")
            ),
            .init(
                "connection",
                .alternatives(
                    summary: "How to reach the source: a connection's name in syncline.yaml, or the connection itself.",
                    scalar: .string(summary: "The name of a connection under `connections:` in syncline.yaml."),
                    mapping: connection
                )
            ),
            .init("source", source),
            .init("target", target),
            .init(
                "required",
                .list(
                    summary: "Target attributes every job extending this one must map.",
                    element: .string(summary: "A target attribute.")
                )
            ),
            .init(
                "mapping",
                .dictionary(summary: "Target attributes the integrator maps, to expressions.", value: expression)
            ),
            .init(
                "locked",
                .dictionary(
                    summary: "Target attributes fixed by the integration; never re-mappable.", value: expression)
            ),
            .init("sync", sync),
            .init("schedule", schedule),
            .init(
                "depends_on",
                .list(
                    summary: "Jobs that run before this one when both are due at once; a failed one skips this one.",
                    element: .string(summary: "A job's name.")
                )
            ),
        ]
    )

    /// A connection written in a job: its name, then what a project's connection holds.
    static let connection: Shape = .object(
        summary: "How to reach the source: connector, base URL and where secrets are read from.",
        properties: [.init("name", .string(summary: "The connection's name."), isRequired: true)]
            + connectionProperties
    )

    /// What a connection holds, in a job or under `connections:` in syncline.yaml.
    static let connectionProperties: [Property] = [
        .init("connector", .string(summary: "The connector it speaks (gong)."), isRequired: true),
        .init("base_url", .string(summary: "API base URL; `${VAR}` and `${VAR:-default}` allowed.")),
        .init(
            "daily_request_budget",
            .integer(
                summary: "HTTP requests allowed per UTC day on this host (gong: default 9000 of Gong's ~10,000).")
        ),
        .init(
            "secrets",
            .dictionary(
                summary: "Secret name to where its value is read. Literal values are an error.",
                value: .alternatives(
                    summary: "Where a secret is read: `{env: VAR}` or `{file: PATH}`.",
                    scalar: .refused(summary: "Never a literal: name an environment variable with `env:`."),
                    mapping: .variants(
                        summary: "Where a secret is read.",
                        [
                            .init(
                                key: "env",
                                shape: .object(
                                    summary: "Read from an environment variable.",
                                    properties: [.init("env", .string(summary: "The variable's name."))]
                                )
                            ),
                            .init(
                                key: "file",
                                shape: .object(
                                    summary: "Read from a file (first line, trimmed).",
                                    properties: [.init("file", .string(summary: "The file's path."))]
                                )
                            ),
                        ])
                )
            )
        ),
    ]

    static let source: Shape = .object(
        summary: "What is read: a connector's object and the fields used. Other keys are connector options.",
        properties: [
            .init("connector", .string(summary: "The connector (gong, file)."), isRequired: true),
            .init("object", .string(summary: "The connector's object (calls, users, …)."), isRequired: true),
            .init(
                "fields",
                .alternatives(
                    summary: "Source fields used: a list of paths, or (for CSV and NDJSON) a map of path to type.",
                    list: .list(summary: "Source paths.", element: .string(summary: "A source path.")),
                    mapping: .dictionary(
                        summary: "Source path to type.",
                        value: .string(
                            summary: "The field's type.",
                            allowed: ["string", "integer", "number", "boolean", "datetime"])
                    )
                )
            ),
        ],
        extra: .string(summary: "A connector option (`path` for files); `${VAR}` allowed.")
    )

    static let target: Shape = .object(
        summary: "What is written.",
        properties: [
            .init(
                "object",
                .string(summary: "The target object.", allowed: TargetDescriptor.standard.map(\.id.rawValue)),
                isRequired: true
            ),
            .init(
                "mode",
                .string(
                    summary: "create_only inserts new keys and never updates; upsert updates.",
                    allowed: WriteMode.allCases.map(\.rawValue)),
                isRequired: true
            ),
            .init("key", .string(summary: "The key attribute.")),
            .init(
                "allow_new_objects",
                .boolean(summary: "Whether the job may create rows; create_only jobs must say true.")
            ),
        ]
    )

    static let sync: Shape = .object(
        summary: "Incremental reading.",
        properties: [
            .init("cursor", .string(summary: "Datetime source field compared with the watermark.")),
            .init("initial_backfill", .string(summary: "How far back the first run reads (default 7d).")),
            .init("lookback", .string(summary: "Overlap before the watermark for late records (default 0s).")),
        ]
    )

    static let schedule: Shape = .object(
        summary: "When the runner starts the job.",
        properties: [
            .init(
                "cron",
                .string(summary: "Five fields: minute hour day-of-month month day-of-week (default 0 23 * * *).")),
            .init("timezone", .string(summary: "IANA time zone (default: the instance's).")),
            .init("sync_on_save", .boolean(summary: "Whether `apply` syncs the job at once (default false).")),
            .init("enabled", .boolean(summary: "Whether the runner schedules it (default true).")),
        ]
    )

    /// A mapping expression: a source path, or one of the mapping forms.
    package static let expression: Shape = expression(allowingTemplate: true)

    private static func expression(allowingTemplate: Bool) -> Shape {
        var variants: [Variant] = [
            .init(
                key: "const",
                shape: .object(summary: "A constant.", properties: [.init("const", .string(summary: "The value."))])
            ),
            .init(
                key: "path",
                shape: .object(
                    summary: "A source path with a formatter or a default.",
                    properties: [
                        .init("path", .string(summary: "The source path.")),
                        .init(
                            "format",
                            .string(
                                summary: "date: UTC ISO-8601; duration: seconds as whole minutes.",
                                allowed: ValueFormat.allCases.map(\.rawValue)
                            )
                        ),
                        .init("default", .string(summary: "The value when the path is absent or null.")),
                    ]
                )
            ),
            .init(
                key: "resolve",
                shape: .object(
                    summary: "A look-up in the staging data.",
                    properties: [
                        .init(
                            "resolve",
                            .string(summary: "What to look up.", allowed: Resolution.Kind.allCases.map(\.rawValue))
                        ),
                        .init("from", .string(summary: "The source path read."), isRequired: true),
                        .init(
                            "by",
                            .string(
                                summary: "team_member: which identifier `from` holds.",
                                allowed: TargetDescriptor.teamMember.lookupKeys
                            )
                        ),
                        .init("email", .string(summary: "participants: the e-mail member (default emailAddress).")),
                        .init("name", .string(summary: "participants: the name member (default name).")),
                        .init(
                            "affiliation",
                            .string(summary: "participants: the affiliation member (default affiliation).")
                        ),
                    ]
                )
            ),
        ]
        if allowingTemplate {
            variants.append(
                .init(
                    key: "template",
                    shape: .object(
                        summary: "A Mustache template rendered as plain text.",
                        properties: [
                            .init("template", .string(summary: "The Mustache source (no HTML escaping).")),
                            .init(
                                "values",
                                .dictionary(
                                    summary: "Names the template uses, to expressions.",
                                    value: expression(allowingTemplate: false)
                                )
                            ),
                            .init("missing", .string(summary: "What a missing value renders as (default `not set`).")),
                        ]
                    )
                )
            )
        }
        return .alternatives(
            summary: "A source path (`metaData.title`, `parties[].emailAddress`) or a mapping form.",
            scalar: .string(summary: "A source path."),
            mapping: .variants(summary: "A mapping form: const, path, resolve or template.", variants)
        )
    }
}
