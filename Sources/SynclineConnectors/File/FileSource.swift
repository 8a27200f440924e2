import CSV
import Foundation
import SynclineCore

/// Reads the `file` connector's objects: every file the glob matches that earlier runs have not consumed
/// (same path, size and modification time), in path order, one page at a time. Files holding records rejected
/// earlier and worth retrying are read again first.
struct FileSource: Source {
    /// How the files are read.
    var format: FileFormat
    /// Rows per page for CSV and NDJSON files.
    var rowsPerPage: Int
    /// The folder relative globs start from.
    var workingDirectory: URL

    /// The pages of the request's files; files in `request.consumedFiles` are skipped.
    func pages(_ request: ExtractRequest) -> any AsyncSequence<SourcePage, any Error> {
        FilePages(source: self, request: request)
    }
}

/// The page sequence of one request: lists the files when iteration starts, then reads them one by one.
struct FilePages: AsyncSequence {
    typealias Element = SourcePage
    typealias Failure = any Error

    let source: FileSource
    let request: ExtractRequest

    func makeAsyncIterator() -> Iterator {
        Iterator(source: source, request: request)
    }

    struct Iterator: AsyncIteratorProtocol {
        let source: FileSource
        let request: ExtractRequest
        /// The files to read, in order, and whether each is read again for a retry.
        private var files: [(match: FileGlob.Match, isRetry: Bool)]?
        private var glob: FileGlob?
        private var fileIndex = 0
        private var reader: (any FileRecordReader)?

        init(source: FileSource, request: ExtractRequest) {
            self.source = source
            self.request = request
        }

        mutating func next() async throws -> SourcePage? {
            try Task.checkCancellation()
            if files == nil {
                guard let pattern = request.options["path"] else {
                    throw ConnectorError(.configuration, "the file source needs a 'path'")
                }
                let glob = FileGlob(pattern, relativeTo: source.workingDirectory)
                self.glob = glob
                let matches = try glob.matches()
                let retried = Set(request.retry?.files ?? [])
                let again = matches.filter { retried.contains($0.relativePath) }.map { (match: $0, isRetry: true) }
                let fresh = matches.filter { file in
                    !request.consumedFiles.contains(
                        FileMark(path: file.relativePath, size: file.size, modifiedAt: file.modified))
                }.map { (match: $0, isRetry: false) }
                files = again + fresh
            }
            guard let files else { return nil }
            while fileIndex < files.count {
                let (file, isRetry) = files[fileIndex]
                let mark = FileMark(path: file.relativePath, size: file.size, modifiedAt: file.modified)
                if reader == nil, let glob {
                    reader = try openReader(glob.url(of: file.relativePath), label: file.relativePath)
                }
                guard var current = reader else { break }
                let (records, isLast) = try current.nextRecords(limit: source.rowsPerPage)
                reader = current
                if isLast {
                    reader = nil
                    fileIndex += 1
                }
                // A file read again for a retry is not consumed again: its state is its first reading's.
                var page = SourcePage(
                    records: records, label: file.relativePath, file: isRetry ? nil : mark,
                    endsFile: isLast && !isRetry, isRetry: isRetry)
                page.progress = Double(fileIndex) / Double(Swift.max(files.count, 1))
                return page
            }
            return nil
        }

        private func openReader(_ url: URL, label: String) throws -> any FileRecordReader {
            switch source.format {
            case .records(let format):
                return RecordFileReader(
                    records: try format.read(try readFile(url, label: label), request.fields, label))
            case .ndjson:
                return try NDJSONReader(url: url, label: label, fields: request.fields.map(\.description))
            case .csv:
                return try CSVFileReader(url: url, label: label, fields: request.fields)
            }
        }
    }
}

/// Yields the records of one open file, a page at a time.
protocol FileRecordReader {
    /// Up to `limit` records, and whether the file is finished.
    mutating func nextRecords(limit: Int) throws -> ([Value], Bool)
}

/// A saved API page: the whole file is one page of records, parsed by its connector's format.
struct RecordFileReader: FileRecordReader {
    let records: [Value]

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
