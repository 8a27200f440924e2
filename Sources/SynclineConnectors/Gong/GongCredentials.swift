import Foundation
package import SynclineCore

/// How the connector authenticates to Gong: an access key and its secret (Basic), or an OAuth bearer token.
package enum GongCredentials: Sendable {
    case accessKey(key: Secret, secret: Secret)
    case bearer(Secret)

    /// What to check when Gong refuses them, for error messages (names the secrets, never their values).
    var whatToCheck: String {
        switch self {
        case .accessKey: "check the access key and its secret (secrets 'access_key' and 'access_key_secret')"
        case .bearer: "check the bearer token (secret 'bearer_token'): it may have expired or lack the scope"
        }
    }

    /// The `Authorization` header value. The only place a secret is revealed: never log or store the result.
    var authorization: String {
        switch self {
        case .accessKey(let key, let secret):
            "Basic " + Data("\(key.reveal()):\(secret.reveal())".utf8).base64EncodedString()
        case .bearer(let token):
            "Bearer " + token.reveal()
        }
    }
}

extension GongCredentials {
    /// The credentials a connection names: `access_key` with `access_key_secret` (Basic), else `bearer_token`.
    ///
    /// Throws `ConnectorError(.configuration)` when it names neither, or `SecretError` when one cannot be read.
    init(_ connection: ResolvedConnection) throws {
        if connection.hasSecret("access_key"), connection.hasSecret("access_key_secret"),
            let key = try connection.secret("access_key"), let secret = try connection.secret("access_key_secret")
        {
            self = .accessKey(key: key, secret: secret)
        } else if let token = try connection.secret("bearer_token") {
            self = .bearer(token)
        } else {
            throw ConnectorError(
                .configuration,
                "connection '\(connection.name)' names no Gong credentials: give access_key and access_key_secret, or bearer_token"
            )
        }
    }
}
