import Foundation
import Logging
import NIOHTTP1
import Synchronization
import SynclineConnectors
import SynclineCore
import SynclineSandbox
import SynclineTestSupport
import Testing

@Suite("The Gong client's pacing and retry waits, on an instant clock, against the sandbox")
struct GongClientTests {
    /// Runs `body` with a client (Basic auth, `policy`, waits on `clock`) talking to a sandbox serving one user.
    private func withClient(
        policy: GongClient.Policy, clock: InstantClock,
        _ body: @Sendable (GongClient, GongSandbox) async throws -> Void
    ) async throws {
        let sandbox = GongSandbox(
            data: try GongSandboxData(users: GongHarness.users(), calls: []),
            configuration: GongSandboxConfiguration(accessKey: "key-id", accessKeySecret: GongHarness.secret))
        try await sandbox.serving { port in
            let client = GongClient(
                baseURL: "http://127.0.0.1:\(port)",
                credentials: .accessKey(key: Secret("key-id"), secret: Secret(GongHarness.secret)), policy: policy,
                clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await body(client, sandbox)
        }
    }

    // Broken if the limiter measured elapsed time on the real clock again: it would wait 1/3 s minus the few
    // milliseconds the request really took, so starts would be less than 1/3 s apart here; and it would wait
    // again after the clock had moved a whole second.
    @Test("requests start at least 1/3 s apart on the injected clock, and time passed on it counts")
    func rateLimiter() async throws {
        let clock = InstantClock()
        try await withClient(policy: GongClient.Policy(), clock: clock) { client, sandbox in
            var starts: [InstantClock.Instant] = []
            for _ in 0..<5 {
                _ = try await client.send(.GET, "/v2/users")
                starts.append(clock.now)  // the instant clock moves only when the limiter sleeps on it
            }
            let interval = Duration.seconds(1.0 / 3)
            let gaps = zip(starts, starts.dropFirst()).map { $0.duration(to: $1) }
            #expect(gaps.count == 4)
            #expect(gaps.allSatisfy { $0 >= interval && $0 < interval + .milliseconds(1) })
            #expect(clock.sleeps.count == 4)
            #expect(await sandbox.requestCount == 5)

            clock.advance(by: .seconds(1))
            _ = try await client.send(.GET, "/v2/users")
            #expect(clock.sleeps.count == 4)  // a second passed since the last start: no wait
            #expect(await sandbox.requestCount == 6)
        }
    }

    /// Jitter fractions handed out in order, the last one repeated: a deterministic stand-in for the random draw.
    private final class Fractions: Sendable {
        private let state: Mutex<(values: [Double], next: Int)>

        init(_ values: [Double]) { state = Mutex((values, 0)) }

        func draw() -> Double {
            state.withLock { state in
                defer { state.next += 1 }
                return state.values[min(state.next, state.values.count - 1)]
            }
        }
    }

    // Broken if the wait stopped doubling, were not scaled by the drawn fraction, or were not capped: the waits
    // would differ from initial × 2^(attempt−1) × fraction, capped at 10 s (the fifth and sixth ceilings).
    @Test(
        "retry waits double from the initial backoff, scaled by each drawn jitter fraction, capped at the maximum",
        arguments: [[0.5], [1.0], [0.5, 1.0, 0.6, 0.9, 0.7, 0.8]]
    )
    func exponentialBackoff(fractions: [Double]) async throws {
        let clock = InstantClock()
        let draws = Fractions(fractions)
        var policy = GongClient.Policy()
        policy.requestsPerSecond = 1000
        policy.initialBackoff = .seconds(1)
        policy.maximumBackoff = .seconds(10)
        policy.attemptsPerRequest = 7
        policy.jitterFraction = { draws.draw() }
        try await withClient(policy: policy, clock: clock) { client, sandbox in
            await sandbox.setFault(.serverErrors(count: 6, status: 503))
            _ = try await client.send(.GET, "/v2/users")
            #expect(await sandbox.requestLog.map(\.status) == [503, 503, 503, 503, 503, 503, 200])
        }
        let ceilings: [Duration] = [1, 2, 4, 8, 10, 10].map { .seconds($0) }
        let expected = ceilings.enumerated().map { attempt, ceiling in
            ceiling * fractions[min(attempt, fractions.count - 1)]
        }
        // Each retry waits once; after a wait the clock is past the next slot, so the limiter adds none.
        #expect(clock.sleeps == expected)
    }

    // Broken if Retry-After were ignored (the wait would be the jittered 0.5 s backoff), jittered (3.5 s instead
    // of 7 s), or not capped (120 s instead of the 10 s maximum).
    @Test(
        "a 429's Retry-After is waited as sent, without jitter, and capped at the maximum backoff",
        arguments: [(7, 7), (120, 10)]  // (Retry-After sent, seconds waited)
    )
    func retryAfter(sent: Int, waited: Int) async throws {
        let clock = InstantClock()
        var policy = GongClient.Policy()
        policy.requestsPerSecond = 1000
        policy.initialBackoff = .seconds(1)
        policy.maximumBackoff = .seconds(10)
        policy.jitterFraction = { 0.5 }
        try await withClient(policy: policy, clock: clock) { client, sandbox in
            await sandbox.setFault(.rateLimit(everyNth: 2, retryAfterSeconds: sent))
            _ = try await client.send(.GET, "/v2/users")
            clock.advance(by: .seconds(1))  // past the next slot: the limiter does not wait
            _ = try await client.send(.GET, "/v2/users")
            #expect(await sandbox.requestLog.map(\.status) == [200, 429, 200])
        }
        #expect(clock.sleeps == [.seconds(waited)])
    }
}
