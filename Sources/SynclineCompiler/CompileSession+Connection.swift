import Foundation
import SynclineCore
import SynclineSpec

extension CompileSession {
    /// The job's connection: a name from the project file, or one written in the job (or a template), checked
    /// against the source's connector; nil when there is none or it is invalid.
    mutating func compileConnection(source: CompiledSource?) -> Plan.Connection? {
        guard let nearest = chain.first(where: { $0.connection != nil || $0.connectionName != nil }) else {
            if let source, source.connector.needsConnection, !spec.isTemplate {
                error(
                    .missingKey,
                    "connector '\(source.connector.id)' reads over HTTP: add 'connection: NAME' (a connection of syncline.yaml) or a connection block with its base URL and secrets",
                    at: spec.root
                )
            }
            return nil
        }
        if let name = nearest.connectionName {
            guard let connection = project.connections[name.value] else {
                let defined = project.connections.keys.sorted()
                let context =
                    project.file.map { file in
                        defined.isEmpty
                            ? "; \(file) defines no connections"
                            : Suggestion.hint(for: name.value, among: defined)
                                + " (\(file) defines \(defined.map { "'\($0)'" }.joined(separator: ", ")))"
                    } ?? "; there is no project file (syncline.yaml) to define it: add one, or write the connection out"
                error(.unknownConnection, "no connection '\(name.value)'" + context, at: name.location)
                return nil
            }
            if let source, source.connector.id != connection.connector {
                error(
                    .invalidValue,
                    "connection '\(name.value)' speaks '\(connection.connector)' but the source reads '\(source.connector.id)'",
                    at: name.location
                )
            }
            return connection
        }
        guard let connectionSpec = nearest.connection else { return nil }
        if let name = connectionSpec.connector, let source, source.connector.id.rawValue != name.value,
            catalog.connector(ConnectorID(name.value)) != nil
        {
            error(
                .invalidValue,
                "the connection speaks '\(name.value)' but the source reads '\(source.connector.id)'",
                at: name.location
            )
        }
        return compile(
            connectionSpec, named: connectionSpec.name?.value, catalog: catalog, requiresSecrets: !spec.isTemplate)
    }
}

extension DiagnosticCollector {
    /// Checks one connection as written (connector, base URL, secrets, budget) and fills in the connector's
    /// defaults (base URL, daily request budget); nil when it lacks its name or connector.
    ///
    /// `requiresSecrets` reports a connection that names no set of secrets that authenticates (templates may
    /// leave them to the jobs that extend them).
    mutating func compile(
        _ connectionSpec: ConnectionSpec, named name: String?, catalog: Catalog, requiresSecrets: Bool
    ) -> Plan.Connection? {
        let connector = connectionSpec.connector.flatMap { catalog.connector(ConnectorID($0.value)) }
        if let name = connectionSpec.connector, connector == nil {
            error(
                .unknownConnector,
                "unknown connector '\(name.value)'"
                    + Suggestion.hint(for: name.value, among: catalog.connectors.map(\.id.rawValue)),
                at: name.location
            )
        }
        if let baseURL = connectionSpec.baseURL { checkBaseURL(baseURL) }
        var secrets: [String: SecretReference] = [:]
        var attempted: Set<String> = []  // written, though wrongly: not reported missing as well
        for (name, value) in connectionSpec.secrets {
            if let connector, !connector.secrets.contains(name.value) {
                error(
                    .unknownKey,
                    "connector '\(connector.id)' has no secret '\(name.value)'"
                        + Suggestion.hint(for: name.value, among: connector.secrets),
                    at: name.location
                )
            }
            switch value {
            case .literal(let location):
                attempted.insert(name.value)
                error(
                    .literalSecret,
                    "secret '\(name.value)' is written in the file; name where to read it: {env: VARIABLE} or {file: PATH}",
                    at: location
                )
            case .environment(let variable):
                if Interpolation.isVariableName(variable.value) {
                    secrets[name.value] = .environment(variable.value)
                } else {
                    attempted.insert(name.value)
                    error(
                        .invalidValue, "'\(variable.value)' is not an environment variable name", at: variable.location)
                }
            case .file(let path):
                secrets[name.value] = .file(path.value)
            }
        }
        if let connector, !connector.secretSets.isEmpty, requiresSecrets, connectionSpec.secretsAreWellFormed,
            !connector.secretSets.contains(where: { $0.allSatisfy { secrets[$0] != nil || attempted.contains($0) } })
        {
            let sets = connector.secretSets.map { $0.map { "'\($0)'" }.joined(separator: " and ") }
            error(
                .missingKey,
                "connection\(name.map { " '\($0)'" } ?? "") needs secrets \(sets.joined(separator: ", or ")) (under 'secrets:')",
                at: connectionSpec.location)
        }
        if let budget = connectionSpec.dailyRequestBudget, budget.value < 1 {
            error(.invalidValue, "daily_request_budget must be at least 1, not \(budget.value)", at: budget.location)
        }
        guard let name, let connectorName = connectionSpec.connector else { return nil }
        return Plan.Connection(
            name: name, connector: ConnectorID(connectorName.value),
            baseURL: connectionSpec.baseURL?.value ?? connector?.defaultBaseURL, secrets: secrets,
            dailyRequestBudget: connectionSpec.dailyRequestBudget?.value ?? connector?.defaultDailyRequestBudget
        )
    }

    /// A base URL must be http(s); plain http only to loopback; no credentials in it.
    mutating func checkBaseURL(_ baseURL: Located<String>) {
        guard let parts = checkInterpolation(baseURL) else { return }
        let hasVariables = parts.contains { if case .variable = $0 { true } else { false } }
        let resolved = Interpolation.withDefaults(parts)
        if hasVariables && resolved.isEmpty { return }  // only known when the run starts
        guard let components = URLComponents(string: resolved), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            error(.invalidValue, "'\(resolved)' is not an http(s) URL", at: baseURL.location)
            return
        }
        if components.user != nil || components.password != nil {
            error(
                .literalSecret, "the base URL carries credentials; put them under 'secrets:' as {env: VARIABLE}",
                at: baseURL.location)
        }
        switch scheme {
        case "https":
            break
        case "http" where LoopbackHost.contains(host):
            break
        case "http":
            error(
                .insecureURL,
                "plain http is allowed only to loopback hosts (the sandbox, tests); use https for '\(host)'",
                at: baseURL.location
            )
        default:
            error(.invalidValue, "'\(resolved)' is not an http(s) URL", at: baseURL.location)
        }
    }
}
