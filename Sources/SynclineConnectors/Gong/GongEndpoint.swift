import SynclineCore

/// The Gong API lists the connector reads, one per object: decided once from the plan's object name.
enum GongEndpoint: Sendable, CaseIterable {
    /// `POST /v2/calls/extensive`, windowed on `metaData.started`.
    case calls
    /// `GET /v2/users`, read whole.
    case users

    /// The object's name in job files.
    var object: ObjectName {
        switch self {
        case .calls: "calls"
        case .users: "users"
        }
    }

    /// The endpoint of `object`, when it is one of Gong's.
    init?(_ object: ObjectName) {
        guard let endpoint = Self.allCases.first(where: { $0.object == object }) else { return nil }
        self = endpoint
    }

    /// The array of records in a list page (`calls`, `users`).
    var arrayKey: String {
        switch self {
        case .calls: "calls"
        case .users: "users"
        }
    }

    /// The path to each record's id.
    var idField: String {
        switch self {
        case .calls: "metaData.id"
        case .users: "id"
        }
    }
}
