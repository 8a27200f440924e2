package import SynclineCore

/// The `file` connector: a drop folder of files matched by a glob, read in path order.
package enum FileCatalog {
    private static let path = SourceObject.Option(
        "path", isRequired: true,
        summary: "a glob of files, such as samples/gong/calls/**/page_*.json; ${VAR} allowed"
    )

    /// The connector's description.
    package static let connector = ConnectorCatalog(
        name: "file",
        summary: "Files in a drop folder: Gong API pages (JSON), NDJSON and CSV; only new or changed files are read.",
        needsConnection: false,
        objects: [
            SourceObject(
                name: "gong_calls",
                summary: "Gong /v2/calls/extensive response pages, one call per record.",
                record: GongCatalog.callRecord, idField: FieldPath("metaData.id"),
                defaultCursor: FieldPath("metaData.started"), options: [path]
            ),
            SourceObject(
                name: "gong_users",
                summary: "Gong /v2/users response pages, one user per record.",
                record: GongCatalog.userRecord, idField: FieldPath("id"), options: [path]
            ),
            SourceObject(
                name: "csv",
                summary: "CSV files with a header row; the job declares the columns it reads and their types.",
                record: .object([]), declaresFields: true, options: [path]
            ),
            SourceObject(
                name: "ndjson",
                summary: "Newline-delimited JSON objects; the job declares the fields it reads and their types.",
                record: .object([]), declaresFields: true, options: [path]
            ),
        ]
    )
}
