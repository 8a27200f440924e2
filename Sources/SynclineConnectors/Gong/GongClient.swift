package import AsyncHTTPClient
package import Foundation
package import Logging
import NIOCore
package import NIOHTTP1
import SynclineCore

/// Talks to one Gong API host: authentication, client-side rate limiting, retries with backoff, and errors that
/// carry Gong's `requestId`. Never logs a header, a body or a secret.
package actor GongClient {
    /// How hard the client tries before giving up.
    package struct Policy: Sendable {
        /// Requests per second Gong allows (3 by default).
        package var requestsPerSecond: Double = 3
        /// Attempts for one request (the first included).
        package var attemptsPerRequest = 6
        /// Retries allowed in a whole run, across requests.
        package var retryBudget = 40
        /// The first backoff; it doubles, with jitter, up to `maximumBackoff`.
        package var initialBackoff: Duration = .milliseconds(500)
        /// The longest wait between attempts (a `Retry-After` is honoured up to this too).
        package var maximumBackoff: Duration = .seconds(60)
        /// Draws the jitter: the share of the backoff ceiling a retry waits, in [0.5, 1] (values outside are
        /// clamped). Uniformly random by default; tests pass a fixed or seeded one.
        package var jitterFraction: @Sendable () -> Double = { Double.random(in: 0.5...1) }
        /// How long one request may take.
        package var timeout: Duration = .seconds(60)
        /// The largest response body read.
        package var maximumBodyBytes = 64 << 20

        /// The defaults.
        package init() {}
    }

    private let baseURL: String
    private let credentials: GongCredentials
    private let http: HTTPClient
    private let policy: Policy
    private let clock: any Clock<Duration>
    private let logger: Logger
    /// When the last request started, on `clock` (an instant of the clock's own type).
    private var lastRequest: (any InstantProtocol<Duration>)?
    private var retriesLeft: Int
    /// Requests sent so far (attempts included), for the daily budget.
    package private(set) var requestsSent = 0

    /// A client for `baseURL` (`https://us-12345.api.gong.io`); `http` defaults to the shared AsyncHTTPClient,
    /// which verifies TLS certificates (there is no switch to turn that off).
    package init(
        baseURL: String, credentials: GongCredentials, policy: Policy = Policy(),
        clock: any Clock<Duration> = ContinuousClock(),
        http: HTTPClient = .shared, logger: Logger
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.policy = policy
        self.clock = clock
        self.http = http
        self.logger = logger
        retriesLeft = policy.retryBudget
    }

    /// What a request got: the body, or Gong's documented "no calls" 404.
    package enum Outcome: Sendable {
        case body(Data)
        case noCalls
    }

    /// Sends one request, retrying 429 (after `Retry-After`), 5xx and timeouts with capped exponential backoff and
    /// jitter within the run's retry budget; throws `ConnectorError` with the status and Gong's `requestId`.
    package func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Data? = nil)
        async throws -> Outcome
    {
        var url = baseURL + path
        if !query.isEmpty {
            var components = URLComponents()
            components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
            url += "?" + (components.percentEncodedQuery ?? "")
        }
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            try await waitForSlot()
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "Authorization", value: credentials.authorization)
            request.headers.add(name: "Accept", value: "application/json")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            requestsSent += 1
            let failure: ConnectorError
            var retryAfter: Duration?
            do {
                let response = try await http.execute(request, timeout: TimeAmount(policy.timeout))
                let buffer = try await response.body.collect(upTo: policy.maximumBodyBytes)
                let data = Data(buffer.readableBytesView)
                switch response.status.code {
                case 200..<300:
                    return .body(data)
                case 404 where GongErrorBody(data)?.isNoCalls == true:
                    return .noCalls
                default:
                    failure = Self.error(status: response.status, body: data, path: path, credentials: credentials)
                    if response.status.code == 429 {
                        retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init).map { .seconds($0) }
                    }
                }
            } catch let error as HTTPClientError
                where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
            {
                failure = ConnectorError(.timeout, "\(method.rawValue) \(path) took longer than \(policy.timeout)")
            } catch let error as HTTPClientError {
                failure = ConnectorError(
                    .server, "\(method.rawValue) \(path) failed: \(error); check the base URL '\(baseURL)'")
            }
            guard failure.isRetryable, attempt < policy.attemptsPerRequest, retriesLeft > 0 else {
                if failure.isRetryable {
                    throw ConnectorError(
                        failure.code,
                        failure.message
                            + " (gave up after \(attempt) attempts; \(retriesLeft) retries left in this run)",
                        requestID: failure.requestID
                    )
                }
                throw failure
            }
            retriesLeft -= 1
            let wait = min(retryAfter ?? backoff(attempt: attempt), policy.maximumBackoff)
            logger.info(
                "gong request will be retried",
                metadata: ["http.path": "\(path)", "error.code": "\(failure.code.rawValue)", "retry.wait": "\(wait)"]
            )
            try await clock.sleep(for: wait)
        }
    }

    /// Capped exponential backoff with jitter: the ceiling min(initial × 2^(attempt-1), maximum) scaled by the
    /// policy's jitter fraction (between half and all of it).
    private func backoff(attempt: Int) -> Duration {
        let ceiling = min(policy.initialBackoff * (1 << min(attempt - 1, 16)), policy.maximumBackoff)
        return ceiling * min(max(policy.jitterFraction(), 0.5), 1)
    }

    /// Spaces request starts at least 1/`requestsPerSecond` apart, measured and waited on the injected clock (the
    /// real one in production; an instant one in tests, which then never sleep).
    private func waitForSlot() async throws {
        let clock = self.clock  // a local opens where the stored property does not (the type checker's limit)
        lastRequest = try await Self.waitForSlot(
            on: clock, after: lastRequest, interval: .seconds(1 / policy.requestsPerSecond))
    }

    /// Sleeps on `clock` until `interval` after `last` (an instant of `C`, else no wait) and returns the instant
    /// the slot opened: the existential clock opened, so its instants can be compared.
    private static func waitForSlot<C: Clock<Duration>>(
        on clock: C, after last: (any InstantProtocol<Duration>)?, interval: Duration
    ) async throws -> any InstantProtocol<Duration> {
        if let last = last as? C.Instant {
            let opens = last.advanced(by: interval)
            if clock.now < opens { try await clock.sleep(until: opens, tolerance: nil) }
        }
        return clock.now
    }

    /// The error for a failed response: the status, Gong's messages and `requestId`, and what to do next.
    static func error(
        status: HTTPResponseStatus, body: Data, path: String, credentials: GongCredentials
    ) -> ConnectorError {
        let decoded = GongErrorBody(body)
        let requestID = decoded?.requestId
        let messages = decoded?.errors?.joined(separator: "; ") ?? status.reasonPhrase
        switch status.code {
        case 401:
            return ConnectorError(
                .unauthorized, "Gong refused the credentials (401: \(messages)); \(credentials.whatToCheck)",
                requestID: requestID)
        case 403:
            return ConnectorError(
                .forbidden,
                "Gong denied access (403: \(messages)); the credentials are wrong or lack the scope for \(path): \(credentials.whatToCheck)",
                requestID: requestID)
        case 404:
            return ConnectorError(
                .notFound, "\(path) was not found (404: \(messages)); check the base URL", requestID: requestID)
        case 429:
            return ConnectorError(
                .rateLimited, "Gong's rate limit was exceeded (429: \(messages))", requestID: requestID)
        case 400..<500:
            return ConnectorError(
                .badRequest, "Gong rejected the request (\(status.code): \(messages))", requestID: requestID)
        default:
            return ConnectorError(.server, "Gong failed (\(status.code): \(messages))", requestID: requestID)
        }
    }
}

extension ConnectorError {
    /// Whether trying the same request again may succeed: rate limits, server errors and timeouts.
    var isRetryable: Bool { code == .rateLimited || code == .server || code == .timeout }
}
