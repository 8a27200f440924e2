import Foundation
import SynclineSandbox
import Testing

@Suite("The content selector decides which blocks each call carries")
struct SelectorTests {
    static func data() throws -> GongSandboxData {
        try TestCalls.data([TestCalls.call(id: "5120339981127764511", started: "2026-03-04T09:02:41-08:00")])
    }

    /// The single call served for `selector`.
    static func call(_ session: SandboxSession, selector: [String: Any]?) async throws -> [String: Any] {
        var body: [String: Any] = ["filter": [:]]
        if let selector { body["contentSelector"] = selector }
        let reply = try await session.extensive(body)
        try #require(reply.status == 200, "\(reply.text)")
        return try #require(try reply.calls().first)
    }

    @Test("without a selector a call is its metaData only")
    func metaDataOnly() async throws {
        try await withSandbox(try Self.data()) { session in
            let call = try await Self.call(session, selector: nil)
            #expect(Set(call.keys) == ["metaData"])
            let metaData = try #require(call["metaData"] as? [String: Any])
            #expect(metaData["started"] as? String == "2026-03-04T09:02:41-08:00", "served as stored")
            let none = try await Self.call(session, selector: ["context": "None", "exposedFields": ["parties": false]])
            #expect(Set(none.keys) == ["metaData"])
        }
    }

    @Test("parties only when exposedFields.parties is true, dial-in parties without email")
    func parties() async throws {
        try await withSandbox(try Self.data()) { session in
            let call = try await Self.call(session, selector: ["exposedFields": ["parties": true]])
            #expect(Set(call.keys) == ["metaData", "parties"])
            let parties = try #require(call["parties"] as? [[String: Any]])
            #expect(parties.count == 2)
            #expect(parties[1]["emailAddress"] == nil)
        }
    }

    @Test("each content member comes alone when only its switch is on", arguments: TestCalls.contentMembers)
    func contentMember(_ name: String) async throws {
        try await withSandbox(try Self.data()) { session in
            let call = try await Self.call(session, selector: ["exposedFields": ["content": [name: true]]])
            #expect(Set(call.keys) == ["metaData", "content"])
            let content = try #require(call["content"] as? [String: Any])
            #expect(Set(content.keys) == [name])
            if name == "pointsOfInterest" {
                let points = try #require(content[name] as? [String: Any])
                #expect((points["actionItems"] as? [Any])?.count == 1, "action items come under pointsOfInterest")
            }
        }
    }

    @Test("tracker occurrences come only with trackerOccurrences")
    func trackerOccurrences() async throws {
        try await withSandbox(try Self.data()) { session in
            let without = try await Self.call(session, selector: ["exposedFields": ["content": ["trackers": true]]])
            let trackers = try #require((without["content"] as? [String: Any])?["trackers"] as? [[String: Any]])
            #expect(trackers.first?["occurrences"] == nil)
            #expect(trackers.first?["count"] as? Int == 1)
            let phrases = try #require(trackers.first?["phrases"] as? [[String: Any]])
            #expect(phrases.first?["occurrences"] == nil && phrases.first?["phrase"] as? String == "Walmart")
            let with = try await Self.call(
                session, selector: ["exposedFields": ["content": ["trackers": true, "trackerOccurrences": true]]])
            let full = try #require((with["content"] as? [String: Any])?["trackers"] as? [[String: Any]])
            #expect((full.first?["occurrences"] as? [Any])?.count == 1)
        }
    }

    @Test("interaction, collaboration and media follow their switches")
    func otherBlocks() async throws {
        try await withSandbox(try Self.data()) { session in
            let stats = try await Self.call(
                session, selector: ["exposedFields": ["interaction": ["personInteractionStats": true]]])
            #expect(Set((stats["interaction"] as? [String: Any])?.keys ?? [:].keys) == ["interactionStats"])
            let speakers = try await Self.call(
                session, selector: ["exposedFields": ["interaction": ["speakers": true, "questions": true]]])
            #expect(Set((speakers["interaction"] as? [String: Any])?.keys ?? [:].keys) == ["speakers", "questions"])
            let rest = try await Self.call(
                session, selector: ["exposedFields": ["collaboration": ["publicComments": true], "media": true]])
            #expect(Set(rest.keys) == ["metaData", "collaboration", "media"])
            let comments = (rest["collaboration"] as? [String: Any])?["publicComments"] as? [Any]
            #expect(comments?.count == 1)
            #expect(
                (rest["media"] as? [String: Any])?["audioUrl"] as? String
                    == "https://media.example/5120339981127764511.mp3")
        }
    }

    @Test("context: absent for None, links without field values for Basic, values and timings for Extended")
    func context() async throws {
        try await withSandbox(try Self.data()) { session in
            func objects(_ call: [String: Any]) -> [[String: Any]] {
                ((call["context"] as? [[String: Any]])?.first?["objects"] as? [[String: Any]]) ?? []
            }
            let basic = try await Self.call(session, selector: ["context": "Basic"])
            #expect(Set(basic.keys) == ["metaData", "context"])
            #expect(objects(basic).map { $0["timing"] as? String } == ["Now"])
            #expect(objects(basic).first?["fields"] == nil)
            let extended = try await Self.call(session, selector: ["context": "Extended"])
            #expect(objects(extended).map { $0["timing"] as? String } == ["Now"], "contextTiming defaults to Now")
            #expect((objects(extended).first?["fields"] as? [Any])?.count == 1)
            let both = try await Self.call(
                session, selector: ["context": "Extended", "contextTiming": ["Now", "TimeOfCall"]])
            #expect(objects(both).compactMap { $0["timing"] as? String } == ["Now", "TimeOfCall"])
            let invalid = try await session.extensive(["filter": [:], "contentSelector": ["context": "Everything"]])
            #expect(invalid.status == 400)
        }
    }

    @Test("every switch on gives every block of the documented example")
    func everything() async throws {
        let request = try Fixtures.json("gong-post-v2-calls-extensive.request.json")
        var selector = try #require(request["contentSelector"] as? [String: Any])
        var exposed = try #require(selector["exposedFields"] as? [String: Any])
        exposed["content"] = Dictionary(
            uniqueKeysWithValues: (TestCalls.contentMembers + ["trackerOccurrences"]).map { ($0, true) })
        selector["exposedFields"] = exposed
        try await withSandbox(try Self.data()) { session in
            let call = try await Self.call(session, selector: selector)
            #expect(
                Set(call.keys) == [
                    "metaData", "context", "parties", "content", "interaction", "collaboration", "media",
                ])
            #expect(Set((call["content"] as? [String: Any])?.keys ?? [:].keys) == Set(TestCalls.contentMembers))
            #expect(
                Set((call["interaction"] as? [String: Any])?.keys ?? [:].keys) == [
                    "speakers", "video", "interactionStats", "questions",
                ])
        }
    }

    @Test("the documented example call, loaded as raw JSON, comes back unchanged with every switch on")
    func documentedCallRoundTrip() async throws {
        let page = try Data(
            contentsOf: Fixtures.folder.appendingPathComponent("gong-post-v2-calls-extensive.response.json"))
        let original = try #require(try Fixtures.json("gong-post-v2-calls-extensive.response.json")["calls"] as? [Any])
        let data = try GongSandboxData(usersJSON: Data("[]".utf8), callsJSON: page)
        let contentSwitches = Dictionary(
            uniqueKeysWithValues: (TestCalls.contentMembers + ["trackerOccurrences"]).map { ($0, true) })
        let selector: [String: Any] = [
            "context": "Extended",
            "exposedFields": [
                "parties": true, "media": true, "content": contentSwitches,
                "interaction": ["speakers": true, "video": true, "personInteractionStats": true, "questions": true],
                "collaboration": ["publicComments": true],
            ],
        ]
        try await withSandbox(data) { session in
            let reply = try await session.extensive(["filter": [:], "contentSelector": selector])
            let served = try reply.calls()
            #expect(NSArray(array: served).isEqual(to: original))
        }
    }

    @Test("the documented request body, sent as is, is answered (its filter matches no call here: 404)")
    func documentedRequest() async throws {
        let request = try Fixtures.json("gong-post-v2-calls-extensive.request.json")
        var body = request
        body["cursor"] = nil
        try await withSandbox(try Self.data()) { session in
            let reply = try await session.extensive(body)
            #expect(reply.status == 404)
        }
    }
}
