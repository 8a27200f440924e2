import Foundation
import SynclineCore
import SynclineEngine
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("Account, creator and participant resolution")
struct ResolutionTests {
    private func run(_ calls: [Value]) async throws -> (EngineHarness, RunRecord) {
        let harness = try EngineHarness()
        try harness.applyTouchpointJob()
        try await harness.seedReferenceData()
        harness.source.serve([calls])
        return (harness, try await harness.sync())
    }

    @Test("a known contact counts before the domain rule, and the account with most participants wins")
    func order() async throws {
        let started = Call.hoursBefore(2)
        let (harness, run) = try await run([
            Call.make("via-contact", started: started, emails: ["dana@northwind.example", "li.chen@gmail.com"]),
            Call.make(
                "majority", started: started, emails: ["bob@acme.example", "eve@acme-eu.example", "sam@globex.example"]),
            Call.make("contact-domain", started: started, emails: ["sam@globex.example", "kim@globex.example"]),
        ])
        #expect(run.created == 3)
        let rows = try harness.store.query(
            "SELECT touchpoint_id, account_id, account_resolution FROM touchpoints ORDER BY 1"
        ).rows
        #expect(
            rows == [
                ["contact-domain", "B2", "contact"], ["majority", "A1", "domain"], ["via-contact", "C3", "contact"],
            ])
    }

    @Test("a tie goes to the smallest account id and is flagged on the row and counted as a warning")
    func tie() async throws {
        let (harness, run) = try await run([
            Call.make("tie", started: Call.hoursBefore(2), emails: ["ann@initech.example", "bob@acme.example"])
        ])
        #expect(
            try harness.store.query("SELECT account_id, account_resolution FROM touchpoints").rows == [["A1", "tie"]])
        #expect(run.warnings == 1)
    }

    @Test("no recognised participant: the call is not created and the reason is recorded for analysts")
    func rejections() async throws {
        let (harness, run) = try await run([
            Call.make(
                "unknown", started: Call.hoursBefore(2),
                emails: ["dana@northwind.example", "me@gmail.com", "x@unknown.example"]),
            Call.make("no-emails", started: Call.hoursBefore(3), emails: []),
        ])
        #expect(run.created == 0)
        #expect(run.rejected == 2)
        let rows = try harness.store.query(
            "SELECT source_id, reason_code, reason, record_date FROM rejected_records ORDER BY 1"
        ).rows
        #expect(
            rows == [
                [
                    "no-emails", "no-recognised-participant",
                    "no participant matches a known contact or account domain (no participant has an e-mail address)",
                    "2026-03-10T09:00:00Z",
                ],
                [
                    "unknown", "no-recognised-participant",
                    "no participant matches a known contact or account domain (1 team member; 1 free-mail address; unknown domain unknown.example)",
                    "2026-03-10T10:00:00Z",
                ],
            ]
        )
    }

    @Test("a rejected call is created once its account is known, and leaves the rejected list")
    func laterResolution() async throws {
        let (harness, _) = try await run([
            Call.make("later", started: Call.hoursBefore(2), emails: ["x@unknown.example"])
        ])
        try harness.directory.write(
            "account_id,account_name,domain\nD4,Unknown Inc,unknown.example\n", to: "accounts.csv")
        _ = try await harness.engine(files: true).sync(job: "accounts")
        let rerun = try await harness.sync(since: EngineHarness.start.addingTimeInterval(-86_400))
        #expect(rerun.created == 1)
        #expect(try harness.store.query("SELECT count(*) FROM rejected_records").rows == [["0"]])
    }

    @Test("the host resolves to a team member; an unknown host leaves no creator and counts a warning")
    func creator() async throws {
        let (harness, run) = try await run([
            Call.make("known-host", started: Call.hoursBefore(2), host: "U1"),
            Call.make("unknown-host", started: Call.hoursBefore(3), host: "U404"),
        ])
        let rows = try harness.store.query("SELECT touchpoint_id, created_by FROM touchpoints ORDER BY 1").rows
        #expect(rows == [["known-host", "dana@northwind.example"], ["unknown-host", nil]])
        #expect(run.warnings == 1)
    }

    @Test("participants are stored as JSON objects and unnested by the touchpoint_participants view")
    func participants() async throws {
        let (harness, _) = try await run([
            Call.make("p", started: Call.hoursBefore(2), emails: ["dana@northwind.example", "li.chen@gmail.com"])
        ])
        #expect(
            try harness.store.query("SELECT participants FROM touchpoints").rows == [
                [
                    #"[{"email":"dana@northwind.example","name":"Person 0","affiliation":"Internal","team_member_id":"dana@northwind.example"},{"email":"li.chen@gmail.com","name":"Person 1","affiliation":"External","contact_id":"K1"}]"#
                ]
            ]
        )
        let view = try harness.store.query(
            "SELECT position, email, team_member_id, contact_id FROM touchpoint_participants ORDER BY position"
        ).rows
        #expect(
            view == [
                ["0", "dana@northwind.example", "dana@northwind.example", nil], ["1", "li.chen@gmail.com", nil, "K1"],
            ])
    }

    @Test("the body lists every part, 'not set' where a value is missing")
    func body() async throws {
        let (harness, _) = try await run([Call.make("b", started: "2026-03-10T01:02:03-08:00")])
        let body = try harness.store.query("SELECT body FROM touchpoints").rows.first?.first ?? nil
        #expect(
            body == """
                Start time: 2026-03-10T09:02:03Z
                Duration: 31 min
                Purpose: not set
                Recording URL: https://app.gong.io/call?id=b
                Brief: Brief of b
                Key points: not set
                Agenda: not set
                Topics:
                - Pricing
                Action items: not set

                """
        )
    }

    @Test("an empty or blank value, and an empty list item, render 'not set' as a missing one does")
    func emptyBody() async throws {
        var call = Call.make("e", started: "2026-03-10T01:02:03Z")
        guard case .object(var members) = call else { return }
        members = members.map { member in
            switch member.key {
            case "metaData":
                guard case .object(let meta) = member.value else { return member }
                return (
                    "metaData",
                    .object(meta.map { $0.key == "purpose" ? ("purpose", .string("")) : $0 })
                )
            case "content":
                return (
                    "content",
                    .object([
                        ("brief", .string(" \n ")), ("keyPoints", .array([.object([("text", .string(""))])])),
                        (
                            "topics",
                            .array([.object([("name", .string(""))]), .object([("name", .string("Pricing"))])])
                        ),
                        ("outline", .array([.object([("section", .string("   "))])])),
                    ])
                )
            default: return member
            }
        }
        call = .object(members)
        let (harness, _) = try await run([call])
        let body = try harness.store.query("SELECT body FROM touchpoints").rows.first?.first ?? nil
        #expect(
            body == """
                Start time: 2026-03-10T01:02:03Z
                Duration: 31 min
                Purpose: not set
                Recording URL: https://app.gong.io/call?id=e
                Brief: not set
                Key points: not set
                Agenda: not set
                Topics:
                - Pricing
                Action items: not set

                """
        )
    }
}
