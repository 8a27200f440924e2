import Foundation

/// Where the calls' JSON objects live: in memory, or in page files read on demand.
enum CallStorage: Sendable {
    /// Each call's JSON object, by position.
    case memory([Data])
    /// Page files; a call is a byte range of one of them.
    case files([String])

    /// Reads the JSON objects at `locations`, in order.
    ///
    /// Calls of one page usually sit next to each other in one file, so each file is opened once and read as one
    /// span when that span is small; otherwise each call is read by itself.
    func read(_ locations: [CallLocation]) throws -> [Data] {
        switch self {
        case .memory(let calls):
            return locations.map { calls[Int($0.file)] }
        case .files(let paths):
            var result = [Data](repeating: Data(), count: locations.count)
            let byFile = Dictionary(grouping: locations.indices, by: { locations[$0].file })
            for (file, positions) in byFile {
                let path = paths[Int(file)]
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw GongSandboxDataError.unreadable(path: path, reason: "cannot open the file")
                }
                defer { try? handle.close() }
                let first = positions.map { locations[$0].offset }.min() ?? 0
                let last = positions.map { locations[$0].offset + UInt64(locations[$0].length) }.max() ?? 0
                let total = positions.reduce(UInt64(0)) { $0 + UInt64(locations[$1].length) }
                if last - first <= max(total * 2, 1 << 20) {
                    try handle.seek(toOffset: first)
                    let span = try handle.read(upToCount: Int(last - first)) ?? Data()
                    for position in positions {
                        let start = Int(locations[position].offset - first)
                        let end = start + Int(locations[position].length)
                        guard end <= span.count else {
                            throw GongSandboxDataError.unreadable(
                                path: path, reason: "the file is shorter than indexed")
                        }
                        result[position] = span.subdata(in: start..<end)
                    }
                } else {
                    for position in positions {
                        try handle.seek(toOffset: locations[position].offset)
                        let data = try handle.read(upToCount: Int(locations[position].length)) ?? Data()
                        guard data.count == Int(locations[position].length) else {
                            throw GongSandboxDataError.unreadable(
                                path: path, reason: "the file is shorter than indexed")
                        }
                        result[position] = data
                    }
                }
            }
            return result
        }
    }
}
