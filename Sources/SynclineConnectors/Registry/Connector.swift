package import Foundation
package import Logging
package import SynclineCore

/// One connector: its catalogue, its credential and base-URL policy, and a factory for the sources of plans.
///
/// A connector is a folder under `Sources/SynclineConnectors/` holding its conformance, catalogue, client and
/// wire types, plus one line in the executable's registry. Nothing else names it: the compiler sees its
/// catalogue, the engine the `Source` it builds.
package protocol Connector: Sendable {
    /// What it offers: objects, fields, cursors, secrets, base URL and request budget.
    var catalog: ConnectorCatalog { get }

    /// The source that reads `plan`'s object through `connection` (nil for connectors that need none).
    ///
    /// Reads the connection's secrets and checks its base URL; throws `ConnectorError` (code `configuration`)
    /// with what to fix, never a secret.
    func source(for plan: Plan, connection: ResolvedConnection?, context: SourceContext) throws -> any Source

    /// Makes one cheap authenticated request through `connection`, for `syncline connections test`.
    ///
    /// Throws `ConnectorError` with the HTTP status, the service's request id and what to do next.
    func check(_ connection: ResolvedConnection, context: SourceContext) async throws -> ConnectionCheck
}

extension Connector {
    /// The connector's name in job files.
    package var id: ConnectorID { catalog.id }

    /// Connectors that read without a connection have nothing to test.
    package func check(_ connection: ResolvedConnection, context: SourceContext) async throws -> ConnectionCheck {
        throw ConnectorError(.configuration, "connector '\(id)' has no connection to test")
    }
}

/// What a source may use beyond the plan and its connection: where relative paths start, and where logs go.
package struct SourceContext: Sendable {
    /// The folder relative file paths start from.
    package var workingDirectory: URL
    /// Where log lines go; never payloads or secrets.
    package var logger: Logger

    /// Creates a context.
    package init(workingDirectory: URL, logger: Logger) {
        self.workingDirectory = workingDirectory
        self.logger = logger
    }
}

/// A connection that answered: the request made and how long it took.
package struct ConnectionCheck: Sendable, Hashable {
    /// The request, as `GET /v2/users`.
    package var request: String
    /// The host that answered.
    package var host: String
    /// How long the request took.
    package var elapsed: Duration

    /// Creates a check result.
    package init(request: String, host: String, elapsed: Duration) {
        self.request = request
        self.host = host
        self.elapsed = elapsed
    }
}

/// A kind of file holding a connector's records as its API returns them (saved list pages), which the file
/// connector reads from a drop folder. A connector offers these; the file connector is given them.
package struct RecordFileFormat: Sendable {
    /// The object as jobs name it under the file connector (`gong_calls`), its record shape and cursor.
    package var object: SourceObject
    /// Parses one file into its records pruned to `fields`; `label` names the file in errors.
    ///
    /// Throws `ConnectorError(.malformedPage)` naming the file; the whole file is one page.
    package var read: @Sendable (_ data: Data, _ fields: [FieldPath], _ label: String) throws -> [Value]

    /// Creates a format.
    package init(
        object: SourceObject,
        read: @escaping @Sendable (_ data: Data, _ fields: [FieldPath], _ label: String) throws -> [Value]
    ) {
        self.object = object
        self.read = read
    }
}
