import Foundation
import SynclineCore

/// The calls a request selects: Gong's `filter` object of `POST /v2/calls/extensive`, or the query of
/// `GET /v2/calls`.
///
/// `fromDateTime` is inclusive and `toDateTime` exclusive, both compared as instants with `metaData.started`;
/// absent members do not filter.
package struct GongCallFilter: Sendable, Equatable {
    /// The inclusive lower bound on `metaData.started`, as sent.
    package var fromDateTime: String?
    /// The exclusive upper bound on `metaData.started`, as sent.
    package var toDateTime: String?
    /// Only these calls.
    package var callIds: [String]?
    /// Only calls these users hosted (`metaData.primaryUserId`).
    package var primaryUserIds: [String]?
    /// Only calls of this workspace.
    package var workspaceId: String?

    /// Creates a filter from members as a client sends them.
    package init(
        fromDateTime: String? = nil, toDateTime: String? = nil, callIds: [String]? = nil,
        primaryUserIds: [String]? = nil, workspaceId: String? = nil
    ) {
        self.fromDateTime = fromDateTime
        self.toDateTime = toDateTime
        self.callIds = callIds
        self.primaryUserIds = primaryUserIds
        self.workspaceId = workspaceId
    }

    /// `fromDateTime` in milliseconds since the epoch (the filter was validated when parsed).
    var fromMilliseconds: Int64? { fromDateTime.flatMap(Instant.milliseconds) }
    /// `toDateTime` in milliseconds since the epoch.
    var toMilliseconds: Int64? { toDateTime.flatMap(Instant.milliseconds) }

    /// Whether `other` selects the same calls: the same instants (however written) and the same id sets.
    func selectsSameCalls(as other: GongCallFilter) -> Bool {
        fromMilliseconds == other.fromMilliseconds && toMilliseconds == other.toMilliseconds
            && callIds.map(Set.init) == other.callIds.map(Set.init)
            && primaryUserIds.map(Set.init) == other.primaryUserIds.map(Set.init) && workspaceId == other.workspaceId
    }

    /// Reads the `filter` member of a request body; a date that is not ISO-8601 or a list that is not strings is
    /// a 400, as in Gong.
    static func parse(json: [String: Any]) throws(GongRequestError) -> GongCallFilter {
        GongCallFilter(
            fromDateTime: try instant(json["fromDateTime"], name: "fromDateTime"),
            toDateTime: try instant(json["toDateTime"], name: "toDateTime"),
            callIds: try strings(json["callIds"], name: "callIds"),
            primaryUserIds: try strings(json["primaryUserIds"], name: "primaryUserIds"),
            workspaceId: try string(json["workspaceId"], name: "workspaceId"))
    }

    /// Reads the query of `GET /v2/calls`.
    static func parse(query: [String: String]) throws(GongRequestError) -> GongCallFilter {
        GongCallFilter(
            fromDateTime: try instant(query["fromDateTime"], name: "fromDateTime"),
            toDateTime: try instant(query["toDateTime"], name: "toDateTime"),
            workspaceId: query["workspaceId"].flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func string(_ value: Any?, name: String) throws(GongRequestError) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw .badRequest("\(name) must be a string") }
        return text
    }

    private static func instant(_ value: Any?, name: String) throws(GongRequestError) -> String? {
        guard let text = try string(value, name: name), !text.isEmpty else { return nil }
        guard Instant.milliseconds(text) != nil else {
            throw .badRequest("\(name) '\(text)' is not an ISO-8601 date-time such as 2018-02-18T02:30:00-07:00")
        }
        return text
    }

    private static func strings(_ value: Any?, name: String) throws(GongRequestError) -> [String]? {
        guard let value, !(value is NSNull) else { return nil }
        guard let list = value as? [Any] else { throw .badRequest("\(name) must be a list of strings") }
        var result: [String] = []
        for item in list {
            guard let text = item as? String else { throw .badRequest("\(name) must be a list of strings") }
            result.append(text)
        }
        return result
    }
}
