import Foundation
package import SynclineCore

/// The `webex` connector: Webex REST API v1 over HTTPS (meetings, invitees, people, meeting preferences),
/// authenticated with an integration's or service app's access token (bearer).
package struct WebexConnector: Connector {
    /// How hard the client tries: retries, timeouts.
    package var policy: WebexClient.Policy
    /// The clock retries wait on (an instant one in tests).
    package var clock: any Clock<Duration>

    /// A connector with the default policy; tests pass their own policy and clock.
    package init(policy: WebexClient.Policy = .init(), clock: any Clock<Duration> = ContinuousClock()) {
        self.policy = policy
        self.clock = clock
    }

    package var catalog: ConnectorCatalog { WebexCatalog.connector }

    package func source(for plan: Plan, connection: ResolvedConnection?, context: SourceContext) throws -> any Source {
        guard let object = WebexCatalog.connector.object(plan.source.object) else {
            throw ConnectorError(.configuration, "the webex connector has no object '\(plan.source.object)'")
        }
        guard let connection else {
            throw ConnectorError(.configuration, "job '\(plan.job)' reads Webex but has no connection")
        }
        return WebexSource(
            client: try client(for: connection, context: context), object: object.name, logger: context.logger)
    }

    /// `GET /people/me`: the cheapest request that needs a valid token.
    package func check(_ connection: ResolvedConnection, context: SourceContext) async throws -> ConnectionCheck {
        let client = try client(for: connection, context: context)
        let started = ContinuousClock.now
        _ = try await client.get(await client.url("/people/me"))
        return ConnectionCheck(
            request: "GET /v1/people/me", host: connection.host ?? "", elapsed: ContinuousClock.now - started)
    }

    /// A client for the connection: base URL checked (plain HTTP only to loopback hosts), token read.
    func client(for connection: ResolvedConnection, context: SourceContext) throws -> WebexClient {
        guard let token = try connection.secret("access_token") else {
            throw ConnectorError(
                .configuration,
                "connection '\(connection.name)' names no Webex access token: give access_token (e.g. {env: WEBEX_ACCESS_TOKEN})"
            )
        }
        return WebexClient(
            baseURL: try HTTPBaseURL.checked(connection), token: token, policy: policy, clock: clock,
            logger: context.logger)
    }
}
