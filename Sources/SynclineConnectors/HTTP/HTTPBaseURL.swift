import Foundation
package import SynclineCore

/// The base-URL policy every HTTP connector shares: `https`, or plain `http` to loopback hosts only (the
/// sandboxes and tests); never credentials in the URL.
package enum HTTPBaseURL {
    /// The connection's base URL, checked, without a trailing slash.
    ///
    /// Throws `ConnectorError(.configuration)` saying what is wrong with it.
    package static func checked(_ connection: ResolvedConnection) throws -> String {
        guard let baseURL = connection.baseURL else {
            throw ConnectorError(.configuration, "connection '\(connection.name)' has no base_url")
        }
        guard let components = URLComponents(string: baseURL), let host = components.host, !host.isEmpty,
            let scheme = components.scheme?.lowercased()
        else {
            throw ConnectorError(.configuration, "base URL '\(baseURL)' is not an http(s) URL")
        }
        guard components.user == nil, components.password == nil else {
            throw ConnectorError(
                .configuration, "the base URL of connection '\(connection.name)' carries credentials; use secrets")
        }
        guard scheme == "https" || (scheme == "http" && LoopbackHost.contains(host)) else {
            throw ConnectorError(
                .configuration, "base URL '\(baseURL)' must be https (plain http only to loopback hosts)")
        }
        return baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}
