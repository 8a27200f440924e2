import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Write modes")
struct WriteModeTests {
    @Test("create-only never overwrites a touchpoint, not even one an analyst edited, on a rerun")
    func rerunKeepsEdits() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([[Call.make("c1", started: Call.hoursBefore(2), title: "Original title")]])
        try await harness.sync()
        try harness.execute("UPDATE touchpoints SET subject = 'Edited by an analyst' WHERE touchpoint_id = 'c1'")
        harness.source.serve([[Call.make("c1", started: Call.hoursBefore(2), title: "Changed in Gong")]])
        let rerun = try await harness.sync(since: EngineHarness.start.addingTimeInterval(-86_400))
        #expect(rerun.created == 0)
        #expect(rerun.skippedExisting == 1)
        #expect(try harness.store.query("SELECT subject FROM touchpoints").rows == [["Edited by an analyst"]])
    }

    @Test("a second job importing the same calls creates nothing and counts them as existing")
    func twoJobs() async throws {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob("calls")
        try harness.applyTouchpointJob("calls-again")
        try await harness.seedReferenceData()
        harness.source.serve([
            [Call.make("c1", started: Call.hoursBefore(2)), Call.make("c2", started: Call.hoursBefore(3))]
        ])
        let first = try await harness.sync("calls")
        let second = try await harness.sync("calls-again")
        #expect(first.created == 2)
        #expect(second.created == 0)
        #expect(second.skippedExisting == 2)
        #expect(try harness.store.query("SELECT DISTINCT source_job FROM touchpoints").rows == [["calls"]])
    }

    @Test("upserts update reference rows in place and move a domain to its new account")
    func upsert() async throws {
        let harness = try EngineHarness()
        try await harness.seedReferenceData()
        try harness.directory.write(
            "account_id,account_name,domain\nA1,Acme Corp,acme.example\nB2,Globex,acme-eu.example\n", to: "accounts.csv"
        )
        let run = try await harness.engine(files: true).sync(job: "accounts")
        #expect(run.created == 0)
        #expect(run.updated == 2)
        #expect(
            try harness.store.query("SELECT account_name FROM accounts WHERE account_id = 'A1'").rows == [["Acme Corp"]]
        )
        #expect(
            try harness.store.query("SELECT account_id FROM account_domains WHERE domain = 'acme-eu.example'").rows == [
                ["B2"]
            ])
    }
}
