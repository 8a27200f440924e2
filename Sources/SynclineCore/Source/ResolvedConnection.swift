import Foundation

/// A plan's connection ready for a run: `${VAR}` in the base URL resolved, secrets still only references.
///
/// Made once per run by the engine and handed to the connector, which reads the secrets it needs through
/// `secret(_:)` at the edge; the base URL is resolved in this one place.
package struct ResolvedConnection: Sendable {
    /// The connection's name.
    package var name: String
    /// The connector it speaks.
    package var connector: ConnectorID
    /// The base URL with `${VAR}` resolved; nil when the connector has none.
    package var baseURL: String?
    /// HTTP requests allowed per UTC day on this connection's host; nil: no budget.
    package var dailyRequestBudget: Int?
    private var secrets: [String: SecretReference]
    private var environment: [String: String]

    /// Resolves `connection` against `environment`; throws `ConfigurationError` naming an unset variable.
    package init(resolving connection: Plan.Connection, environment: [String: String]) throws {
        name = connection.name
        connector = connection.connector
        dailyRequestBudget = connection.dailyRequestBudget
        secrets = connection.secrets
        self.environment = environment
        if let written = connection.baseURL {
            do {
                baseURL = try Interpolation.resolve(written, environment: environment)
            } catch {
                throw ConfigurationError("connection '\(connection.name)', base_url: \(error)")
            }
        }
    }

    /// The base URL's host, when it has one.
    package var host: String? { baseURL.flatMap { URLComponents(string: $0)?.host } }

    /// The name requests are counted under for daily budgets: the connector and the API host.
    package var requestCounterKey: String { "\(connector):\(host ?? "default")" }

    /// Whether the connection names secret `name`.
    package func hasSecret(_ name: String) -> Bool { secrets[name] != nil }

    /// Reads secret `name` from where the connection says (environment or file); nil when it names none.
    ///
    /// Throws `SecretError` saying where it looked, never a value.
    package func secret(_ name: String) throws -> Secret? {
        try secrets[name].map { try $0.resolve(environment: environment, naming: name) }
    }

    /// Where each secret is read from, safe to print.
    package var secretSources: [(name: String, source: String)] {
        secrets.sorted { $0.key < $1.key }.map { ($0.key, $0.value.description) }
    }
}

/// A setting that cannot be used as written (an unset variable, a base URL a connector refuses), with what to do.
package struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What the user reads.
    package var description: String

    /// Creates the error.
    package init(_ description: String) {
        self.description = description
    }
}
