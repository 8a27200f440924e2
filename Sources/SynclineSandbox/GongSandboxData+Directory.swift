package import Foundation

extension GongSandboxData {
    /// Indexes the exported pages under `directory` in one pass, keeping only the index in memory.
    ///
    /// Reads `users.json` (a `/v2/users` page) from `directory`, or the shallowest one below it, and every
    /// `page_*.json` (a `/v2/calls/extensive` page) at any depth, in path order; `index.json`, `manifest.json` and
    /// other files are ignored. This is the layout `gen_gong.py` writes (`base/`, `delta/`) and the layout of
    /// Syncline's bundled sample (`samples/gong/users.json`, `samples/gong/calls/page_*.json`). Calls are read
    /// back from the files when a page is served, so the files must stay in place while the sandbox runs.
    package static func load(directory: URL) throws -> GongSandboxData {
        let root = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw GongSandboxDataError.unreadable(path: root.path, reason: "not a directory") }
        var pages: [String] = []
        var userFiles: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: root.path) else {
            throw GongSandboxDataError.unreadable(path: root.path, reason: "cannot list the directory")
        }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix("page_"), name.hasSuffix(".json") {
                pages.append(relative)
            } else if name == "users.json" {
                userFiles.append(relative)
            }
        }
        pages.sort()
        let users: [Data]
        let usersFile = userFiles.min { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
        if let usersFile {
            let path = root.appendingPathComponent(usersFile).path
            let data = try read(path)
            users = try objects(in: data, member: "users", source: path)
        } else {
            users = []
        }
        let paths = pages.map { root.appendingPathComponent($0).path }
        return GongSandboxData(users: users, index: try indexPages(paths).build(), storage: .files(paths))
    }

    /// Indexes `paths` on every core: each worker indexes a run of consecutive files, and the runs are joined in
    /// path order (so of two copies of a call, the one in the later file stays).
    private static func indexPages(_ paths: [String]) throws -> CallIndex.Builder {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count / 8, 8))
        let results = IndexingResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let files = (paths.count * worker / workers)..<(paths.count * (worker + 1) / workers)
            var builder = CallIndex.Builder()
            do {
                for file in files {
                    try indexPage(read(paths[file]), file: UInt32(file), path: paths[file], into: &builder)
                }
                results.store(.success(builder), at: worker)
            } catch {
                results.store(.failure(error), at: worker)
            }
        }
        var joined = CallIndex.Builder()
        for result in results.all {
            joined.append(try result.get())
        }
        return joined
    }

    private static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: [.alwaysMapped])
        } catch {
            throw GongSandboxDataError.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Adds every call of the page document `data` to `builder`, located by byte range.
    static func indexPage(_ data: Data, file: UInt32, path: String, into builder: inout CallIndex.Builder) throws {
        try data.withUnsafeBytes { raw in
            let scanner = JSONScanner(bytes: raw)
            var calls: Range<Int>?
            do {
                try scanner.forEachMember(in: 0..<raw.count) { member in
                    if scanner.key(member.key, is: "calls") { calls = member.value }
                }
            } catch let error as JSONScanner.Malformed {
                throw GongSandboxDataError.invalid(source: path, reason: error.description)
            }
            guard let calls else { throw GongSandboxDataError.invalid(source: path, reason: "no 'calls' array") }
            var position = 0
            do {
                try scanner.forEachElement(in: calls) { element in
                    let location = CallLocation(
                        file: file, offset: UInt64(element.lowerBound), length: UInt32(element.count))
                    try indexCall(scanner, range: element, location: location, into: &builder) {
                        "\(path), call \(position)"
                    }
                    position += 1
                }
            } catch let error as JSONScanner.Malformed {
                throw GongSandboxDataError.invalid(source: path, reason: error.description)
            }
        }
    }
}
