import Foundation
package import SynclineCore

/// How the connector authenticates to Gong: an access key and its secret (Basic), or an OAuth bearer token.
package enum GongCredentials: Sendable {
    case accessKey(key: Secret, secret: Secret)
    case bearer(Secret)

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
