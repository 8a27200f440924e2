/// One request the sandbox answered, as its request log records it (credentials are never recorded).
package struct GongSandboxRequest: Sendable, Equatable {
    /// The request's number, from 1.
    package var number: Int
    /// The `requestId` of the response.
    package var requestId: String
    /// The HTTP method.
    package var method: String
    /// The path, without the query.
    package var path: String
    /// The query string, if any (Gong ignores it on `POST /v2/calls/extensive`; logging it shows a client that
    /// put its window there).
    package var query: String?
    /// The endpoint it addressed.
    package var endpoint: GongSandboxEndpoint
    /// The response status.
    package var status: Int
    /// The calls filter it carried, when it was a calls request that could be read.
    package var filter: GongCallFilter?
    /// The cursor it carried.
    package var cursor: String?
    /// The scheme of its `Authorization` header as sent (`Basic`, `Bearer`), never the credentials; nil without one.
    package var authorizationScheme: String?
}
