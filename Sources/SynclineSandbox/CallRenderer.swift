import Foundation

/// Writes one stored call as `POST /v2/calls/extensive` returns it for a content selector.
///
/// `metaData` is always there; `context`, `parties`, `content`, `interaction`, `collaboration` and `media` only
/// when the selector asks for them, and inside `content` and `interaction` only the switched-on members the call
/// has (Gong returns AI members such as `brief` only when available). Members are copied byte for byte from the
/// stored call; only context (Basic drops field values, Extended keeps the requested timings) and trackers without
/// `trackerOccurrences` are re-serialized.
struct CallRenderer {
    /// What the request selected.
    let selector: GongContentSelector

    /// Appends the call's `CallData` object to `output`.
    func render(_ call: Data, into output: inout [UInt8]) throws {
        try call.withUnsafeBytes { raw in
            let scanner = JSONScanner(bytes: raw)
            var members: [String: Range<Int>] = [:]
            try scanner.forEachMember(in: 0..<raw.count) { member in
                if !Self.isNull(scanner, member.value) { members[scanner.decodeString(member.key)] = member.value }
            }
            guard let metaData = members["metaData"] else { throw JSONScanner.Malformed(offset: 0) }
            output.append(contentsOf: #"{"metaData":"#.utf8)
            output.append(contentsOf: raw[metaData])
            if selector.context != .none {
                output.append(contentsOf: #","context":"#.utf8)
                try writeContext(scanner, members["context"], into: &output)
            }
            if selector.parties {
                output.append(contentsOf: #","parties":"#.utf8)
                if let parties = members["parties"] {
                    output.append(contentsOf: raw[parties])
                } else {
                    output.append(contentsOf: "[]".utf8)
                }
            }
            if selector.anyContent {
                output.append(contentsOf: #","content":"#.utf8)
                try writeContent(scanner, members["content"], into: &output)
            }
            if !selector.interaction.isEmpty {
                output.append(contentsOf: #","interaction":"#.utf8)
                let wanted = Set(selector.interaction.compactMap { GongContentSelector.interactionMembers[$0] })
                try writeSubset(scanner, members["interaction"], wanted: wanted, into: &output)
            }
            if selector.publicComments {
                output.append(contentsOf: #","collaboration":"#.utf8)
                try writeSubset(scanner, members["collaboration"], wanted: ["publicComments"], into: &output) {
                    output in output.append(contentsOf: #""publicComments":[]"#.utf8)
                }
            }
            if selector.media {
                output.append(contentsOf: #","media":"#.utf8)
                if let media = members["media"] {
                    output.append(contentsOf: raw[media])
                } else {
                    try writeMediaUrls(scanner, metaData: metaData, into: &output)
                }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends the call's `metaData` object (the flat item of `GET /v2/calls`) to `output`.
    static func renderMetaData(_ call: Data, into output: inout [UInt8]) throws {
        try call.withUnsafeBytes { raw in
            let scanner = JSONScanner(bytes: raw)
            var found = false
            try scanner.forEachMember(in: 0..<raw.count) { member in
                if !found, scanner.key(member.key, is: "metaData") {
                    output.append(contentsOf: raw[member.value])
                    found = true
                }
            }
            guard found else { throw JSONScanner.Malformed(offset: 0) }
        }
    }

    private static func isNull(_ scanner: JSONScanner, _ range: Range<Int>) -> Bool {
        range.count == 4 && scanner.bytes[range.lowerBound] == UInt8(ascii: "n")
    }

    private func writeContent(_ scanner: JSONScanner, _ content: Range<Int>?, into output: inout [UInt8]) throws {
        output.append(UInt8(ascii: "{"))
        var first = true
        if let content {
            try scanner.forEachMember(in: content) { member in
                let name = scanner.decodeString(member.key)
                guard selector.content.contains(name), !Self.isNull(scanner, member.value) else { return }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(name, into: &output)
                output.append(UInt8(ascii: ":"))
                if name == "trackers", !selector.trackerOccurrences {
                    try Self.writeWithoutOccurrences(scanner, member.value, into: &output)
                } else {
                    output.append(contentsOf: scanner.bytes[member.value])
                }
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Copies the members of the object at `range` named in `wanted`; `fallback` writes members when the call
    /// has no such object.
    private func writeSubset(
        _ scanner: JSONScanner, _ range: Range<Int>?, wanted: Set<String>, into output: inout [UInt8],
        fallback: (inout [UInt8]) -> Void = { _ in }
    ) throws {
        output.append(UInt8(ascii: "{"))
        var first = true
        if let range {
            try scanner.forEachMember(in: range) { member in
                let name = scanner.decodeString(member.key)
                guard wanted.contains(name), !Self.isNull(scanner, member.value) else { return }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(name, into: &output)
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: scanner.bytes[member.value])
            }
        }
        if first { fallback(&output) }
        output.append(UInt8(ascii: "}"))
    }

    private static func writeWithoutOccurrences(
        _ scanner: JSONScanner, _ range: Range<Int>, into output: inout [UInt8]
    ) throws {
        guard let trackers = try JSONSerialization.jsonObject(with: Data(scanner.bytes[range])) as? [Any] else {
            output.append(contentsOf: scanner.bytes[range])
            return
        }
        let stripped: [Any] = trackers.map { item in
            guard var tracker = item as? [String: Any] else { return item }
            tracker["occurrences"] = nil
            if let phrases = tracker["phrases"] as? [Any] {
                tracker["phrases"] = phrases.map { phrase -> Any in
                    guard var phrase = phrase as? [String: Any] else { return phrase }
                    phrase["occurrences"] = nil
                    return phrase
                }
            }
            return tracker
        }
        output.append(
            contentsOf: try JSONSerialization.data(withJSONObject: stripped, options: [.withoutEscapingSlashes]))
    }

    private func writeContext(_ scanner: JSONScanner, _ range: Range<Int>?, into output: inout [UInt8]) throws {
        guard let range, let systems = try JSONSerialization.jsonObject(with: Data(scanner.bytes[range])) as? [Any]
        else {
            output.append(contentsOf: "[]".utf8)
            return
        }
        let timings = selector.context == .extended ? selector.contextTiming : ["Now"]
        let kept: [Any] = systems.map { item in
            guard var system = item as? [String: Any], let objects = system["objects"] as? [Any] else { return item }
            system["objects"] = objects.compactMap { object -> Any? in
                guard var object = object as? [String: Any] else { return object }
                if let timing = object["timing"] as? String, !timings.contains(timing) { return nil }
                if selector.context == .basic { object["fields"] = nil }
                return object
            }
            return system
        }
        output.append(contentsOf: try JSONSerialization.data(withJSONObject: kept, options: [.withoutEscapingSlashes]))
    }

    /// Media URLs for a call whose data has none: addresses that never resolve (`.invalid`), valid for the
    /// documented 8 hours in spirit only.
    private func writeMediaUrls(_ scanner: JSONScanner, metaData: Range<Int>, into output: inout [UInt8]) throws {
        var id = "unknown"
        var video = true
        try scanner.forEachMember(in: metaData) { member in
            if scanner.key(member.key, is: "id") { id = scanner.string(in: member.value) ?? id }
            if scanner.key(member.key, is: "media") { video = scanner.string(in: member.value) != "Audio" }
        }
        var members: [(String, JSONValue)] = [
            ("audioUrl", .string("https://media.gong-sandbox.invalid/\(id)/audio.mp3"))
        ]
        if video { members.append(("videoUrl", .string("https://media.gong-sandbox.invalid/\(id)/video.mp4"))) }
        JSONValue.object(members).write(into: &output)
    }
}
