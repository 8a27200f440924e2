import CSV
package import Foundation
package import SynclineCore

/// Reads the `file` connector's objects: every file the glob matches that earlier runs have not consumed
/// (same path, size and modification time), in path order, one page at a time.
package struct FileSource: Source {
    /// Rows per page for CSV and NDJSON files.
    package var rowsPerPage: Int
    /// The folder relative globs start from.
    package var workingDirectory: URL

    /// Creates a file source.
    package init(
        rowsPerPage: Int = 1000, workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.rowsPerPage = rowsPerPage
        self.workingDirectory = workingDirectory
    }

    /// The pages of the request's files; files in `request.consumedFiles` are skipped.
    package func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> {
        FilePages(request: request, rowsPerPage: rowsPerPage, workingDirectory: workingDirectory)
    }
}

/// The page sequence of one request: lists the files when iteration starts, then reads them one by one.
struct FilePages: AsyncSequence {
    typealias Element = SourcePage
    typealias Failure = any Error

    let request: ExtractRequest
    let rowsPerPage: Int
    let workingDirectory: URL

    func makeAsyncIterator() -> Iterator {
        Iterator(request: request, rowsPerPage: rowsPerPage, workingDirectory: workingDirectory)
    }

    struct Iterator: AsyncIteratorProtocol {
        let request: ExtractRequest
        let rowsPerPage: Int
        let workingDirectory: URL
        private var files: [FileGlob.Match]?
        private var glob: FileGlob?
        private var fileIndex = 0
        private var reader: (any FileRecordReader)?

        init(request: ExtractRequest, rowsPerPage: Int, workingDirectory: URL) {
            self.request = request
            self.rowsPerPage = rowsPerPage
            self.workingDirectory = workingDirectory
        }

        mutating func next() async throws -> SourcePage? {
            try Task.checkCancellation()
            if files == nil {
                guard let pattern = request.options["path"] else {
                    throw ConnectorError(.configuration, "the file source needs a 'path'")
                }
                let glob = FileGlob(pattern, relativeTo: workingDirectory)
                self.glob = glob
                files = try glob.matches().filter { file in
                    !request.consumedFiles.contains(
                        FileMark(path: file.relativePath, size: file.size, modifiedAt: file.modified))
                }
            }
            guard let files else { return nil }
            while fileIndex < files.count {
                let file = files[fileIndex]
                let mark = FileMark(path: file.relativePath, size: file.size, modifiedAt: file.modified)
                if reader == nil, let glob {
                    reader = try openReader(glob.url(of: file.relativePath), label: file.relativePath)
                }
                guard var current = reader else { break }
                let (records, isLast) = try current.nextRecords(limit: rowsPerPage)
                reader = current
                if isLast {
                    reader = nil
                    fileIndex += 1
                }
                return SourcePage(records: records, label: file.relativePath, file: mark, endsFile: isLast)
            }
            return nil
        }

        private func openReader(_ url: URL, label: String) throws -> any FileRecordReader {
            let fields = request.fields.map(\.description)
            switch request.object {
            case "gong_calls":
                return try GongPageReader(
                    url: url, label: label, arrayKey: "calls", fields: fields, idField: "metaData.id")
            case "gong_users":
                return try GongPageReader(url: url, label: label, arrayKey: "users", fields: fields, idField: "id")
            case "ndjson":
                return try NDJSONReader(url: url, label: label, fields: fields)
            case "csv":
                return try CSVFileReader(url: url, label: label, fields: request.fields)
            default:
                throw ConnectorError(.configuration, "the file connector has no object '\(request.object)'")
            }
        }
    }
}

/// Yields the records of one open file, a page at a time.
protocol FileRecordReader {
    /// Up to `limit` records, and whether the file is finished.
    mutating func nextRecords(limit: Int) throws -> ([Value], Bool)
}

/// A Gong API response page file: `{requestId, records, calls|users: [...]}`, or the documented 404 body
/// (`errors: ["No calls found …"]`), which is an empty page.
struct GongPageReader: FileRecordReader {
    private let records: [Value]

    init(url: URL, label: String, arrayKey: String, fields: [String], idField: String) throws {
        let data = try readFile(url, label: label)
        let page: Value
        do {
            page = try JSONPull.parse(
                data, selection: GongPage.selection(arrayKey: arrayKey, fields: fields, idField: idField))
        } catch {
            throw ConnectorError(.malformedPage, "\(label): \(error)")
        }
        records = try GongPage.records(in: page, arrayKey: arrayKey, idField: idField, label: label) ?? []
    }

    mutating func nextRecords(limit: Int) throws -> ([Value], Bool) {
        (records, true)
    }
}

/// A newline-delimited JSON file, read a page of lines at a time from a memory-mapped buffer.
struct NDJSONReader: FileRecordReader {
    private let data: Data
    private let label: String
    private let selection: Selection
    private var offset = 0

    init(url: URL, label: String, fields: [String]) throws {
        data = try readFile(url, label: label)
        self.label = label
        selection = Selection(paths: fields)
    }

    mutating func nextRecords(limit: Int) throws -> ([Value], Bool) {
        var records: [Value] = []
        let start = offset
        let selection = self.selection
        let label = self.label
        let consumed: Int = try data.withUnsafeBytes { buffer in
            let rest = UnsafeRawBufferPointer(rebasing: buffer[start...])
            var reader = JSONPullReader(rest)
            while records.count < limit {
                do {
                    guard let record = try reader.readNext(selection) else { break }
                    records.append(record)
                } catch {
                    throw ConnectorError(.malformedPage, "\(label): \(error)")
                }
            }
            return reader.offset
        }
        offset = start + consumed
        let isLast = records.count < limit || data[offset...].allSatisfy { $0 == 10 || $0 == 13 || $0 == 32 || $0 == 9 }
        return (records, isLast)
    }
}

/// A CSV file with a header row; declared columns are typed, empty cells are null.
struct CSVFileReader: FileRecordReader {
    private let reader: CSVReader
    private let label: String
    private let columns: [(index: Int, name: String)]
    private var line = 1

    /// Reads the whole file as text: reference CSVs are small, and CSV.swift's stream input misreads the end of
    /// a file on Linux (it reports `cannotReadFile` there).
    init(url: URL, label: String, fields: [FieldPath]) throws {
        let data = try readFile(url, label: label)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConnectorError(.malformedPage, "\(label): not UTF-8 text")
        }
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ConnectorError(.malformedPage, "\(label): \(error)")
        }
        self.label = label
        let header = reader.headerRow ?? []
        var columns: [(Int, String)] = []
        for field in fields {
            let name = field.description
            guard let index = header.firstIndex(of: name) else {
                throw ConnectorError(
                    .malformedPage,
                    "\(label): no column '\(name)' in the header (\(header.joined(separator: ",")))"
                )
            }
            columns.append((index, name))
        }
        self.columns = columns
    }

    mutating func nextRecords(limit: Int) throws -> ([Value], Bool) {
        var records: [Value] = []
        while records.count < limit {
            guard let row = reader.next() else {
                if let error = reader.error {
                    throw ConnectorError(.malformedPage, "\(label): line \(line + 1): \(error)")
                }
                return (records, true)
            }
            line += 1
            if row.count == 1, row[0].isEmpty { continue }  // a blank line
            var members: [(key: String, value: Value)] = []
            for column in columns {
                guard column.index < row.count else {
                    throw ConnectorError(
                        .malformedPage, "\(label): line \(line) has \(row.count) cells, fewer than the header")
                }
                let cell = row[column.index]
                members.append((column.name, cell.isEmpty ? .null : .string(cell)))
            }
            records.append(.object(members))
        }
        return (records, false)
    }
}

/// The file's bytes, memory-mapped where the system allows.
private func readFile(_ url: URL, label: String) throws -> Data {
    do {
        return try Data(contentsOf: url, options: .alwaysMapped)
    } catch {
        throw ConnectorError(.unreadable, "cannot read '\(label)': \((error as NSError).localizedDescription)")
    }
}
