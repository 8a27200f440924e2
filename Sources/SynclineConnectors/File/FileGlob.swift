import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file pattern such as `samples/gong/calls/**/page_*.json`: a root folder, then components matched with
/// `fnmatch` (`*`, `?`, `[…]`), where `**` matches any number of folders, none included.
///
/// Hand-written: Foundation has no glob, and libc's `glob(3)` does not know `**`.
struct FileGlob: Sendable {
    /// The folder before the first wildcard component.
    var root: URL
    /// The components after it.
    var components: [String]

    /// Splits `pattern` into its root folder and wildcard components.
    init(_ pattern: String, relativeTo directory: URL) {
        var parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var rootParts: [String] = []
        while let first = parts.first, parts.count > 1, !first.contains(where: { "*?[".contains($0) }) {
            rootParts.append(first)
            parts.removeFirst()
        }
        let rootPath = rootParts.joined(separator: "/")
        if pattern.hasPrefix("/") {
            root = URL(fileURLWithPath: rootPath.isEmpty ? "/" : rootPath)
        } else {
            root = rootPath.isEmpty ? directory : directory.appendingPathComponent(rootPath)
        }
        components = parts.filter { !$0.isEmpty }
    }

    /// A matching file: its path relative to the root, size and modification time (kept small: a drop folder
    /// may hold tens of thousands).
    struct Match: Sendable {
        var relativePath: String
        var size: Int64
        var modified: Date
    }

    /// The file at `relativePath` under the root.
    func url(of relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The matching regular files as paths relative to the root, sorted, with their size and modification time.
    func matches() throws -> [Match] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConnectorError(.unreadable, "folder '\(root.path)' does not exist (from the source path)")
        }
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]
            )
        else { throw ConnectorError(.unreadable, "cannot list folder '\(root.path)'") }
        let rootPath = root.standardizedFileURL.path
        var found: [Match] = []
        for case let url as URL in enumerator {
            let values = try url.resourceValues(forKeys: Set(keys))
            guard values.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath + "/") else { continue }
            let relative = String(path.dropFirst(rootPath.count + 1))
            let parts = relative.split(separator: "/").map(String.init)
            if Self.match(components[...], parts[...]) {
                found.append(
                    Match(
                        relativePath: relative, size: Int64(values.fileSize ?? 0),
                        modified: values.contentModificationDate ?? .distantPast
                    )
                )
            }
        }
        return found.sorted { $0.relativePath < $1.relativePath }
    }

    /// Whether path components match pattern components, `**` standing for zero or more folders.
    static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let name = path.first, fnmatch(first, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
