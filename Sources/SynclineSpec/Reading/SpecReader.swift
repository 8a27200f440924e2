package import Foundation
package import SynclineCore
import Yams

/// Reads a job file into a located `SpecNode`, turning every failure into one located diagnostic.
///
/// Bounded: files over `maxBytes` are refused before parsing, and a document whose node count (aliases
/// expanded) exceeds `maxNodes` is refused while it is walked, so alias bombs cost bounded time and memory.
package struct SpecReader: Sendable {
    /// The largest file read, in bytes.
    package var maxBytes: Int
    /// The most nodes a document may expand to, aliases included.
    package var maxNodes: Int

    /// Creates a reader with the given budgets (defaults: 1 MiB, 100,000 nodes).
    package init(maxBytes: Int = 1 << 20, maxNodes: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxNodes = maxNodes
    }

    /// The outcome of reading one file: the root node and its text, or the diagnostic that stopped it.
    package enum Outcome: Sendable {
        case document(SpecNode, text: String)
        case failure(Diagnostic)
    }

    /// Reads the file at `url`; `displayName` is how locations name it.
    package func read(contentsOf url: URL, displayName: String) -> Outcome {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > maxBytes {
                return .failure(tooLarge(displayName, size: size))
            }
            data = try Data(contentsOf: url)
        } catch {
            return .failure(
                .error(
                    .unreadableFile, "cannot read '\(displayName)': \(Self.reason(error))", at: .start(of: displayName))
            )
        }
        return read(data, displayName: displayName)
    }

    /// Reads YAML bytes; `displayName` is how locations name the file.
    package func read(_ data: Data, displayName: String) -> Outcome {
        guard data.count <= maxBytes else { return .failure(tooLarge(displayName, size: data.count)) }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(
                .error(.notUTF8, "file is not valid UTF-8", at: Self.firstInvalidUTF8(in: data, file: displayName)))
        }
        let root: Node?
        do {
            root = try Parser(yaml: text).singleRoot()
        } catch let error as YamlError {
            return .failure(Self.diagnostic(for: error, text: text, file: displayName))
        } catch {
            return .failure(.error(.yamlSyntax, "cannot parse YAML", at: .start(of: displayName)))
        }
        guard let root else {
            return .failure(
                .error(.missingKey, "file is empty; it should start with 'version: 1'", at: .start(of: displayName)))
        }
        var budget = maxNodes
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let node = Self.convert(root, file: displayName, lines: lines, budget: &budget) else {
            return .failure(
                .error(
                    .inputTooLarge, "document expands to more than \(maxNodes) nodes (aliases included)",
                    at: .start(of: displayName)
                )
            )
        }
        return .document(node, text: text)
    }

    private func tooLarge(_ file: String, size: Int) -> Diagnostic {
        .error(
            .inputTooLarge, "file is \(size) bytes; job files are limited to \(maxBytes) bytes", at: .start(of: file))
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    private static func convert(
        _ node: Node, file: String, lines: [Substring], budget: inout Int
    ) -> SpecNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let location =
            node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? .start(of: file)
        switch node {
        case .scalar(let scalar):
            let isBlock = scalar.style == .literal || scalar.style == .folded
            return .scalar(
                .init(
                    text: scalar.string, isQuoted: scalar.style != .plain && scalar.style != .any,
                    location: location, blockIndent: isBlock ? blockIndent(after: location.line, lines: lines) : nil
                )
            )
        case .alias:
            return .scalar(.init(text: "", isQuoted: false, location: location))
        case .sequence(let sequence):
            var elements: [SpecNode] = []
            for element in sequence {
                guard let converted = convert(element, file: file, lines: lines, budget: &budget) else { return nil }
                elements.append(converted)
            }
            return .sequence(elements, location)
        case .mapping(let mapping):
            var pairs: [SpecNode.Pair] = []
            for (key, value) in mapping {
                guard let convertedValue = convert(value, file: file, lines: lines, budget: &budget) else { return nil }
                budget -= 1
                guard budget >= 0 else { return nil }
                let keyLocation =
                    key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
                    ?? location
                pairs.append(.init(key: Located(key.string ?? "", at: keyLocation), value: convertedValue))
            }
            return .mapping(pairs, location)
        }
    }

    /// The column of the first non-blank content line after a block scalar's indicator line.
    private static func blockIndent(after line: Int, lines: [Substring]) -> Int? {
        var index = line  // `line` is 1-based, so this is the next line's 0-based index
        while index < lines.count {
            let content = lines[index]
            if let first = content.unicodeScalars.firstIndex(where: { $0 != " " }) {
                return content.unicodeScalars.distance(from: content.unicodeScalars.startIndex, to: first) + 1
            }
            index += 1
        }
        return nil
    }

    /// One diagnostic for a libyaml error. Never uses `YamlError.description`: it may quote the whole file.
    private static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var location = at(mark)
            // At the end of the file, point where the unfinished construct started instead.
            if let start = context?.mark, mark.line > lines.count || lines[mark.line - 1].allSatisfy({ $0 == " " }) {
                location = at(start)
            }
            if (context?.text ?? "").contains("flow"), location.line <= lines.count,
                lines[location.line - 1].contains("[]")
            {
                message += "; quote paths with '[]' inside [...] or {...}, e.g. \"parties[].emailAddress\""
            }
            return .error(.yamlSyntax, message, at: location)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = at(context.mark)
            let second = secondOccurrence(of: key, after: first, in: text) ?? first
            return .error(
                .duplicateKey, "duplicate key '\(key)'", at: second,
                notes: second == first ? [] : [.note("first defined here", at: first, code: .duplicateKey)]
            )
        case .reader(let problem, let offset, _, _):
            let location = offset.map { lineColumn(ofByte: $0, in: text, file: file) } ?? .start(of: file)
            return .error(.yamlSyntax, problem, at: location)
        default:
            return .error(.yamlSyntax, "cannot parse YAML", at: .start(of: file))
        }
    }

    /// Where `key:` appears again at the same indentation after `first`; libyaml reports only the first.
    private static func secondOccurrence(of key: String, after first: SourceLocation, in text: String)
        -> SourceLocation?
    {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = String(repeating: " ", count: first.column - 1)
        for index in first.line..<lines.count {
            let line = lines[index]
            for candidate in [key + ":", "\"\(key)\":", "'\(key)':"] where line.hasPrefix(indent + candidate) {
                return SourceLocation(file: first.file, line: index + 1, column: first.column)
            }
            if let firstNonBlank = line.firstIndex(where: { $0 != " " }), line[firstNonBlank] != "#",
                line.distance(from: line.startIndex, to: firstNonBlank) < first.column - 1
            {
                return nil  // left the mapping
            }
        }
        return nil
    }

    private static func lineColumn(ofByte offset: Int, in text: String, file: String) -> SourceLocation {
        let prefix = text.utf8.prefix(offset)
        let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lastLine = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).last ?? []
        return SourceLocation(
            file: file, line: line, column: String(decoding: lastLine, as: UTF8.self).unicodeScalars.count + 1)
    }

    /// The line and column of the first byte that breaks UTF-8.
    private static func firstInvalidUTF8(in data: Data, file: String) -> SourceLocation {
        var line = 1
        var lineStart = data.startIndex
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let length: Int
            switch byte {
            case 0..<0x80: length = 1
            case 0xC2..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0..<0xF5: length = 4
            default: length = 0
            }
            let end = index + max(length, 1)
            let valid =
                length > 0 && end <= data.endIndex && String(validating: data[index..<end], as: UTF8.self) != nil
            if !valid {
                let column = String(decoding: data[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                return SourceLocation(file: file, line: line, column: column)
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = end
            }
            index = end
        }
        return .start(of: file)
    }
}
