package import Foundation
import SynclineCore

/// The users and calls a sandbox serves: in memory, generated, or indexed from page files on disk.
///
/// Calls are kept as the raw JSON objects Gong's `/v2/calls/extensive` returns (`{metaData, parties, content,
/// …}`); the sandbox copies their bytes into responses, so whatever the data holds is what a client sees. Only an
/// index of each call's `metaData` (`started`, `id`, `primaryUserId`, `workspaceId`) is held in memory for
/// files, which lets a directory of a million calls load in one pass.
package struct GongSandboxData: Sendable {
    /// Each user's JSON object (`UserMetadata`), in the order given.
    let users: [Data]
    /// The calls' index, sorted by started then id.
    let index: CallIndex
    /// Where the calls' JSON is.
    let storage: CallStorage

    /// The number of users.
    package var userCount: Int { users.count }

    /// The number of calls.
    package var callCount: Int { index.count }

    /// Calls' ids in the order the sandbox serves them (by `metaData.started`, ties by id).
    package var callIds: [String] { (0..<index.count).map { index.id(at: $0) } }

    init(users: [Data], index: CallIndex, storage: CallStorage) {
        self.users = users
        self.index = index
        self.storage = storage
    }

    /// Holds `users` (`UserMetadata` objects) and `calls` (`CallData` objects, each with a `metaData` holding at
    /// least `id` and `started`) in memory.
    package init(users: [[String: Any]], calls: [[String: Any]]) throws {
        func data(_ object: [String: Any]) throws -> Data {
            try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        }
        try self.init(userObjects: users.map(data), callObjects: calls.map(data))
    }

    /// Holds users and calls given as raw JSON: each document is either an array of objects or a page whose
    /// `users` (or `calls`) member is that array, as Gong's responses are.
    package init(usersJSON: Data, callsJSON: Data) throws {
        let userObjects = try Self.objects(in: usersJSON, member: "users", source: "users JSON")
        let callObjects = try Self.objects(in: callsJSON, member: "calls", source: "calls JSON")
        try self.init(userObjects: userObjects, callObjects: callObjects)
    }

    init(userObjects: [Data], callObjects: [Data]) throws {
        var builder = CallIndex.Builder()
        for (position, call) in callObjects.enumerated() {
            try call.withUnsafeBytes { raw in
                let scanner = JSONScanner(bytes: raw)
                let location = CallLocation(file: UInt32(position), offset: 0, length: 0)
                try Self.indexCall(scanner, range: 0..<raw.count, location: location, into: &builder) {
                    "call \(position)"
                }
            }
        }
        self.init(users: userObjects, index: builder.build(), storage: .memory(callObjects))
    }

    /// The objects of the array `json` is, or of its member `member` when it is an object.
    static func objects(in json: Data, member: StaticString, source: String) throws -> [Data] {
        try json.withUnsafeBytes { raw in
            let scanner = JSONScanner(bytes: raw)
            do {
                var arrayRange: Range<Int>?
                let start = scanner.skipWhitespace(0, end: raw.count)
                if start < raw.count, raw[start] == UInt8(ascii: "[") {
                    arrayRange = start..<raw.count
                } else {
                    try scanner.forEachMember(in: 0..<raw.count) { found in
                        if scanner.key(found.key, is: member) { arrayRange = found.value }
                    }
                }
                guard let arrayRange else {
                    throw GongSandboxDataError.invalid(source: source, reason: "no '\(member)' array")
                }
                var objects: [Data] = []
                try scanner.forEachElement(in: arrayRange) { element in
                    objects.append(Data(raw[element]))
                }
                return objects
            } catch let error as JSONScanner.Malformed {
                throw GongSandboxDataError.invalid(source: source, reason: error.description)
            }
        }
    }

    /// Reads `metaData.id`, `started`, `primaryUserId` and `workspaceId` of the call object at `range`.
    static func indexCall(
        _ scanner: JSONScanner, range: Range<Int>, location: CallLocation, into builder: inout CallIndex.Builder,
        source: () -> String
    ) throws {
        var idRange: Range<Int>?
        var started: Int64?
        var startedText: String?
        var primaryUserId: String?
        var workspaceId: String?
        do {
            try scanner.forEachMember(in: range) { member in
                guard scanner.key(member.key, is: "metaData") else { return }
                try scanner.forEachMember(in: member.value) { field in
                    if scanner.key(field.key, is: "id") {
                        let value = field.value
                        let quoted = scanner.bytes[value.lowerBound] == UInt8(ascii: "\"")
                        idRange = quoted ? (value.lowerBound + 1)..<(value.upperBound - 1) : value
                    } else if scanner.key(field.key, is: "started") {
                        let value = field.value
                        if value.count > 2, scanner.bytes[value.lowerBound] == UInt8(ascii: "\"") {
                            let inner = UnsafeRawBufferPointer(
                                rebasing: scanner.bytes[(value.lowerBound + 1)..<(value.upperBound - 1)])
                            started = Instant.milliseconds(inner)
                            startedText = String(decoding: inner, as: UTF8.self)
                        }
                    } else if scanner.key(field.key, is: "primaryUserId") {
                        primaryUserId = scanner.string(in: field.value)
                    } else if scanner.key(field.key, is: "workspaceId") {
                        workspaceId = scanner.string(in: field.value)
                    }
                }
            }
        } catch let error as JSONScanner.Malformed {
            throw GongSandboxDataError.invalid(source: source(), reason: error.description)
        }
        guard let idRange, !idRange.isEmpty else {
            throw GongSandboxDataError.invalid(source: source(), reason: "a call has no metaData.id")
        }
        guard let started else {
            let reason = startedText.map { "metaData.started '\($0)' is not an ISO-8601 instant" }
            throw GongSandboxDataError.invalid(source: source(), reason: reason ?? "a call has no metaData.started")
        }
        builder.add(
            started: started, id: UnsafeRawBufferPointer(rebasing: scanner.bytes[idRange]),
            primaryUserId: primaryUserId, workspaceId: workspaceId, location: location)
    }
}
