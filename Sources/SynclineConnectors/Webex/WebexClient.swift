package import AsyncHTTPClient
package import Foundation
package import Logging
import NIOCore
import NIOHTTP1
package import SynclineCore

/// Talks to one Webex API host: bearer authentication, `Link` pagination, retries of 429 (after `Retry-After`),
/// 423, 5xx and timeouts with capped backoff within a run's budget, and errors that carry Webex's `trackingId`.
/// Never logs a header, a body or the token.
package actor WebexClient {
    /// How hard the client tries before giving up.
    package struct Policy: Sendable {
        /// Attempts for one request (the first included).
        package var attemptsPerRequest = 6
        /// Retries allowed in a whole run, across requests.
        package var retryBudget = 60
        /// The first backoff; it doubles, with jitter, up to `maximumBackoff`.
        package var initialBackoff: Duration = .milliseconds(500)
        /// The longest wait between attempts (a `Retry-After` is honoured up to this too).
        package var maximumBackoff: Duration = .seconds(120)
        /// The share of the backoff ceiling a retry waits, in [0.5, 1]; random by default, fixed in tests.
        package var jitterFraction: @Sendable () -> Double = { Double.random(in: 0.5...1) }
        /// How long one request may take.
        package var timeout: Duration = .seconds(60)
        /// The largest response body read.
        package var maximumBodyBytes = 64 << 20

        /// The defaults.
        package init() {}
    }

    /// One page of a list: its body and the `rel="next"` URL, if there is another page.
    package struct Page: Sendable {
        /// The response body.
        package var body: Data
        /// The next page's URL, verbatim from the `Link` header.
        package var next: String?
    }

    private let baseURL: String
    private let token: Secret
    private let http: HTTPClient
    private let policy: Policy
    private let clock: any Clock<Duration>
    private let logger: Logger
    private var retriesLeft: Int
    /// Requests sent so far (attempts included).
    package private(set) var requestsSent = 0

    /// A client for `baseURL` (`https://webexapis.com/v1`); `http` defaults to the shared AsyncHTTPClient, which
    /// verifies TLS certificates.
    package init(
        baseURL: String, token: Secret, policy: Policy = Policy(), clock: any Clock<Duration> = ContinuousClock(),
        http: HTTPClient = .shared, logger: Logger
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.policy = policy
        self.clock = clock
        self.http = http
        self.logger = logger
        retriesLeft = policy.retryBudget
    }

    /// The URL of `path` (`/people`) with `query`, under the base URL.
    package func url(_ path: String, query: [(String, String)] = []) -> String {
        var url = baseURL + path
        if !query.isEmpty {
            var components = URLComponents()
            components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
            url += "?" + (components.percentEncodedQuery ?? "")
        }
        return url
    }

    /// `GET url` (absolute: a `Link` target is followed verbatim), retried as the policy allows; throws
    /// `ConnectorError` with the status, Webex's message and its `trackingId`.
    package func get(_ url: String) async throws -> Page {
        guard url.hasPrefix(baseURL + "/") || url == baseURL else {
            // A next link must stay on the API's host: the token is never sent anywhere else.
            throw ConnectorError(.server, "Webex sent a next page outside \(baseURL): \(Self.pathOf(url))")
        }
        let path = Self.pathOf(url)
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            request.headers.add(name: "Authorization", value: "Bearer " + token.reveal())
            request.headers.add(name: "Accept", value: "application/json")
            requestsSent += 1
            let failure: ConnectorError
            var retryAfter: Duration?
            do {
                let response = try await http.execute(request, timeout: TimeAmount(policy.timeout))
                let buffer = try await response.body.collect(upTo: policy.maximumBodyBytes)
                let data = Data(buffer.readableBytesView)
                if (200..<300).contains(response.status.code) {
                    return Page(body: data, next: WebexWire.nextLink(in: response.headers.first(name: "Link")))
                }
                let trackingID = response.headers.first(name: "Trackingid")
                failure = Self.error(status: response.status, body: data, path: path, trackingID: trackingID)
                if response.status.code == 429 || response.status.code == 423 {
                    retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init).map { .seconds($0) }
                }
            } catch let error as HTTPClientError
                where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
            {
                failure = ConnectorError(.timeout, "GET \(path) took longer than \(policy.timeout)")
            } catch let error as HTTPClientError {
                failure = ConnectorError(.server, "GET \(path) failed: \(error); check the base URL '\(baseURL)'")
            }
            guard failure.isRetryable, attempt < policy.attemptsPerRequest, retriesLeft > 0 else {
                if failure.isRetryable {
                    throw ConnectorError(
                        failure.code,
                        failure.message
                            + " (gave up after \(attempt) attempts; \(retriesLeft) retries left in this run)",
                        requestID: failure.requestID)
                }
                throw failure
            }
            retriesLeft -= 1
            let ceiling = min(policy.initialBackoff * (1 << min(attempt - 1, 16)), policy.maximumBackoff)
            let wait = min(retryAfter ?? ceiling * min(max(policy.jitterFraction(), 0.5), 1), policy.maximumBackoff)
            logger.info(
                "webex request will be retried",
                metadata: ["http.path": "\(path)", "error.code": "\(failure.code.rawValue)", "retry.wait": "\(wait)"])
            try await clock.sleep(for: wait)
        }
    }

    /// The path of `url` without its query (which may hold e-mail addresses), for messages and logs.
    static func pathOf(_ url: String) -> String {
        URLComponents(string: url)?.path ?? "the request"
    }

    /// The error for a failed response: the status, Webex's message and `trackingId`, and what to do next.
    static func error(status: HTTPResponseStatus, body: Data, path: String, trackingID: String?) -> ConnectorError {
        let decoded = try? JSONDecoder().decode(WebexWire.ErrorBody.self, from: body)
        let tracking = decoded?.trackingId ?? trackingID
        let message = decoded?.text ?? status.reasonPhrase
        switch status.code {
        case 401:
            return ConnectorError(
                .unauthorized,
                "Webex refused the token (401: \(message)); check WEBEX_ACCESS_TOKEN (secret 'access_token'): it may have expired",
                requestID: tracking)
        case 403:
            return ConnectorError(
                .forbidden,
                "Webex denied access to \(path) (403: \(message)); the token lacks the scope or role for it",
                requestID: tracking)
        case 404:
            return ConnectorError(
                .notFound, "\(path) was not found (404: \(message)); check the base URL", requestID: tracking)
        case 423:
            return ConnectorError(.rateLimited, "Webex says \(path) is locked (423: \(message))", requestID: tracking)
        case 429:
            return ConnectorError(
                .rateLimited, "Webex's rate limit was exceeded (429: \(message))", requestID: tracking)
        case 400..<500:
            return ConnectorError(
                .badRequest, "Webex rejected the request (\(status.code): \(message))", requestID: tracking)
        default:
            return ConnectorError(.server, "Webex failed (\(status.code): \(message))", requestID: tracking)
        }
    }
}
