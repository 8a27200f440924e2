import Foundation
import SynclineEngine
import Testing

@Suite("Who may take a job's lease over")
struct LeasePolicyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A policy on host `here` where only process 42 exists.
    let policy = LeasePolicy(host: "here", now: { LeasePolicyTests.now }, processExists: { $0 == 42 })

    @Test("a holder on another machine is alive until its heartbeat is a minute old, then taken over")
    func otherHost() {
        #expect(policy.isAlive(pid: 7, host: "there", heartbeat: Self.now.addingTimeInterval(-59)))
        #expect(!policy.isAlive(pid: 7, host: "there", heartbeat: Self.now.addingTimeInterval(-60)))
        var patient = policy
        patient.timeout = 300
        #expect(patient.isAlive(pid: 7, host: "there", heartbeat: Self.now.addingTimeInterval(-120)))
    }

    @Test("a holder on this machine is dead as soon as its process is gone, heartbeat or not")
    func sameHost() {
        #expect(policy.isAlive(pid: 42, host: "here", heartbeat: Self.now.addingTimeInterval(-5)))
        #expect(!policy.isAlive(pid: 43, host: "here", heartbeat: Self.now))
        #expect(!policy.isAlive(pid: 0, host: "here", heartbeat: Self.now))
        // A silent process that still exists (hung, or its ID reused) is not trusted past the timeout either.
        #expect(!policy.isAlive(pid: 42, host: "here", heartbeat: Self.now.addingTimeInterval(-61)))
    }
}
