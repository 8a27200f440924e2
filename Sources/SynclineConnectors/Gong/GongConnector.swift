package import Foundation
import NIOHTTP1
package import SynclineCore

/// The `gong` connector: Gong API v2 over HTTPS (calls and users), authenticated with an access key and its
/// secret (Basic) or a bearer token, at most 3 requests a second.
package struct GongConnector: Connector {
    /// How hard the client tries: rate, retries, timeouts.
    package var policy: GongClient.Policy
    /// The clock retries wait on and the rate limiter measures and waits on (an instant one in tests).
    package var clock: any Clock<Duration>
    /// The longest window one request covers (Gong is reported to cap a request at 90 days).
    package var sliceLength: TimeInterval
    /// Call ids per request when calls rejected earlier are fetched again.
    package var retryBatchSize: Int

    /// A connector with Gong's limits; tests and the benchmark pass their own policy and clock.
    package init(
        policy: GongClient.Policy = .init(), clock: any Clock<Duration> = ContinuousClock(),
        sliceLength: TimeInterval = 30 * 86_400, retryBatchSize: Int = 100
    ) {
        self.policy = policy
        self.clock = clock
        self.sliceLength = sliceLength
        self.retryBatchSize = retryBatchSize
    }

    package var catalog: ConnectorCatalog { GongCatalog.connector }

    package func source(for plan: Plan, connection: ResolvedConnection?, context: SourceContext) throws -> any Source {
        guard let endpoint = GongEndpoint(plan.source.object) else {
            throw ConnectorError(.configuration, "the gong connector has no object '\(plan.source.object)'")
        }
        guard let connection else {
            throw ConnectorError(.configuration, "job '\(plan.job)' reads Gong but has no connection")
        }
        return GongSource(
            client: try client(for: connection, context: context), endpoint: endpoint, sliceLength: sliceLength,
            retryBatchSize: retryBatchSize, logger: context.logger)
    }

    /// `GET /v2/users`, first page only: the cheapest request that needs valid credentials.
    package func check(_ connection: ResolvedConnection, context: SourceContext) async throws -> ConnectionCheck {
        let client = try client(for: connection, context: context)
        let started = ContinuousClock.now
        _ = try await client.send(.GET, "/v2/users")
        return ConnectionCheck(
            request: "GET /v2/users", host: connection.host ?? "", elapsed: ContinuousClock.now - started)
    }

    /// A client for the connection: base URL checked, credentials read.
    func client(for connection: ResolvedConnection, context: SourceContext) throws -> GongClient {
        GongClient(
            baseURL: try HTTPBaseURL.checked(connection), credentials: try GongCredentials(connection),
            policy: policy, clock: clock, logger: context.logger)
    }

    /// Saved Gong list pages, for the file connector: `gong_calls` and `gong_users`.
    package static let recordFiles: [RecordFileFormat] = [
        RecordFileFormat(
            object: SourceObject(
                name: "gong_calls",
                summary: "Gong /v2/calls/extensive response pages, one call per record.",
                record: GongCatalog.callRecord, idField: FieldPath("metaData.id"),
                defaultCursor: FieldPath("metaData.started"), increments: .newFiles
            ),
            read: { data, fields, label in try GongPage.parseFile(data, endpoint: .calls, fields: fields, label: label)
            }
        ),
        RecordFileFormat(
            object: SourceObject(
                name: "gong_users",
                summary: "Gong /v2/users response pages, one user per record.",
                record: GongCatalog.userRecord, idField: FieldPath("id")
            ),
            read: { data, fields, label in try GongPage.parseFile(data, endpoint: .users, fields: fields, label: label)
            }
        ),
    ]
}
