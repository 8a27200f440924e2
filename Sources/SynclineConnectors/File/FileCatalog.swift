import SynclineCore

/// The `file` connector's catalogue: a drop folder of files matched by a glob, read in path order.
enum FileCatalog {
    /// The connector's name in job files.
    static let id: ConnectorID = "file"

    /// The `path` option every object takes.
    static let path = SourceObject.Option(
        "path", isRequired: true,
        summary: "a glob of files, such as samples/gong/calls/**/page_*.json; ${VAR} allowed"
    )

    /// CSV files with a header row.
    static let csv = SourceObject(
        name: "csv",
        summary: "CSV files with a header row; the job declares the columns it reads and their types.",
        record: .object([]), declaresFields: true, increments: .newFiles, options: [path]
    )

    /// Newline-delimited JSON.
    static let ndjson = SourceObject(
        name: "ndjson",
        summary: "Newline-delimited JSON objects; the job declares the fields it reads and their types.",
        record: .object([]), declaresFields: true, increments: .newFiles, options: [path]
    )

    /// The catalogue with CSV, NDJSON and the record files other connectors offer.
    static func connector(recordFiles: [RecordFileFormat]) -> ConnectorCatalog {
        ConnectorCatalog(
            id: id,
            summary:
                "Files in a drop folder: saved API pages (JSON), NDJSON and CSV; only new or changed files are read.",
            needsConnection: false,
            objects: recordFiles.map { format in
                var object = format.object
                object.options = [path]
                object.increments = .newFiles
                return object
            } + [csv, ndjson]
        )
    }
}
