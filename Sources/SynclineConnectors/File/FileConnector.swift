import Foundation
package import SynclineCore

/// The `file` connector: a drop folder whose new and changed files are read in path order. It reads CSV,
/// NDJSON, and the record files (saved API pages) that other connectors describe.
package struct FileConnector: Connector {
    /// The formats of saved API pages it reads, each an object of its own (`gong_calls`).
    package var recordFiles: [RecordFileFormat]
    /// Rows per page for CSV and NDJSON files.
    package var rowsPerPage: Int

    /// A file connector reading CSV, NDJSON and `recordFiles`.
    package init(recordFiles: [RecordFileFormat] = [], rowsPerPage: Int = 1_000) {
        self.recordFiles = recordFiles
        self.rowsPerPage = rowsPerPage
    }

    package var catalog: ConnectorCatalog { FileCatalog.connector(recordFiles: recordFiles) }

    package func source(for plan: Plan, connection: ResolvedConnection?, context: SourceContext) throws -> any Source {
        let format: FileFormat
        switch plan.source.object {
        case FileCatalog.csv.name: format = .csv
        case FileCatalog.ndjson.name: format = .ndjson
        default:
            guard let records = recordFiles.first(where: { $0.object.name == plan.source.object }) else {
                throw ConnectorError(.configuration, "the file connector has no object '\(plan.source.object)'")
            }
            format = .records(records)
        }
        return FileSource(
            format: format, rowsPerPage: rowsPerPage,
            workingDirectory: context.workingDirectory)
    }
}

/// How the files of one object are read.
enum FileFormat: Sendable {
    /// A header row, then one record per row.
    case csv
    /// One JSON object per line.
    case ndjson
    /// A connector's saved page: the whole file is one page.
    case records(RecordFileFormat)
}
