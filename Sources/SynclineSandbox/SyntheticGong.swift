import SynclineCore

/// Builds the synthetic users and calls of `GongSandboxData.generated`.
enum SyntheticGong {
    /// A generated Gong user: its JSON and what calls need to know about it.
    struct User {
        let id: String
        let name: String
        let email: String
        let title: String
        let offsetMinutes: Int
        let json: JSONValue
    }

    static let workspaceId = "4810007331955602218"
    private static let ourDomain = "northwind.example"
    private static let firstNames = [
        "Priya", "Marisol", "Dana", "Tomasz", "Aiko", "Kwame", "Lena", "Rafael", "Ingrid", "Omar", "Yuki", "Chloe",
        "Mateo", "Sofia", "Arjun", "Hannah", "Liam", "Zara",
    ]
    private static let lastNames = [
        "Raman", "Okafor", "Ruiz", "Nowak", "Tanaka", "Mensah", "Fischer", "Costa", "Berg", "Haddad", "Sato", "Dubois",
        "Silva", "Rossi", "Patel", "Meyer", "Walsh", "Khan",
    ]
    private static let internalTitles = [
        "Account Executive", "Senior Account Executive", "Solutions Engineer", "Customer Success Manager", "SDR",
        "VP of Sales",
    ]
    private static let externalTitles = ["CTO", "VP Engineering", "Head of Data", "Procurement Manager", "CFO", "CIO"]
    private static let companies = [
        ("Acme Analytics", "acme-analytics.example"), ("Globex Systems", "globex.example"),
        ("Initech Labs", "initech.example"), ("Umbrella Health", "umbrella-health.example"),
        ("Hooli Cloud", "hooli.example"), ("Vandelay Logistics", "vandelay.example"),
        ("Wonka Foods", "wonka.example"), ("Tyrell Robotics", "tyrell.example"),
    ]
    private static let purposes = [
        "Discovery call", "Product demo", "Pricing negotiation", "Renewal discussion", "Security review",
        "Onboarding kickoff",
    ]
    private static let topics = ["Pricing", "Next Steps", "Security", "Integrations", "Timeline", "Budget", "Roadmap"]
    private static let sections = ["Introductions", "Discovery", "Demo", "Pricing Discussion", "Q&A", "Recap"]
    private static let sentences = [
        "The team wants volume pricing before the renewal.", "Security review is the main open item.",
        "They compared us with two competitors last quarter.", "Rollout would start with the EMEA region.",
        "Procurement needs the revised quote by Friday.", "Their data team asked about the warehouse export.",
    ]
    private static let offsets = [-480, -420, -300, -300, 0, 60, 330, 600]

    /// Twelve users of the `northwind.example` tenant.
    static func users(_ random: inout SplitMix64) -> [User] {
        var users: [User] = []
        for position in 0..<12 {
            let first = firstNames[position]
            let last = lastNames[position]
            let email = "\(first.lowercased()).\(last.lowercased())@\(ourDomain)"
            let id = random.digitID()
            let title = internalTitles[position % internalTitles.count]
            let offset = offsets[position % offsets.count]
            let created = Instant.text(
                milliseconds: Int64(1_672_531_200_000) + Int64(random.int(in: 0...700)) * 86_400_000,
                offsetMinutes: offset)
            let json: JSONValue = .object([
                ("id", .string(id)), ("emailAddress", .string(email)), ("created", .string(created)),
                ("active", .bool(position != 11)), ("emailAliases", .array([])),
                ("trustedEmailAddress", .string(email)),
                ("firstName", .string(first)), ("lastName", .string(last)), ("title", .string(title)),
                ("phoneNumber", .string("+1 415-555-01\(10 + position)")), ("extension", .null),
                (
                    "personalMeetingUrls",
                    .array([.string("https://northwind.zoom.us/j/\(random.int(in: 1_000_000_000...9_999_999_999))")])
                ),
                (
                    "settings",
                    .object([
                        ("webConferencesRecorded", true), ("preventWebConferenceRecording", false),
                        ("telephonyCallsImported", false), ("emailsImported", true), ("preventEmailImport", false),
                        ("nonRecordedMeetingsImported", true), ("gongConnectEnabled", true),
                    ])
                ),
                ("managerId", position == 0 ? .null : .string(users.first?.id ?? id)),
                ("meetingConsentPageUrl", .null),
                ("spokenLanguages", .array([.object([("language", "en-US"), ("primary", true)])])),
            ])
            users.append(
                User(id: id, name: "\(first) \(last)", email: email, title: title, offsetMinutes: offset, json: json))
        }
        return users
    }

    /// One call that started at `started` (milliseconds), hosted by one of `users`.
    static func call(_ random: inout SplitMix64, started: Int64, users: [User]) -> JSONValue {
        let host = random.pick(users)
        let id = random.digitID()
        let (company, domain) = random.pick(companies)
        let external = !random.chance(0.08)
        let purpose = random.pick(purposes)
        let duration = random.int(in: 300...5400)
        let scheduled: Int64? = random.chance(0.85) ? started - started % 1_800_000 : nil
        let video = random.chance(0.9)
        func time(_ milliseconds: Int64) -> JSONValue {
            .string(Instant.text(milliseconds: milliseconds, offsetMinutes: host.offsetMinutes))
        }
        let metaData: JSONValue = .object([
            ("id", .string(id)), ("url", .string("https://us-40213.app.gong.io/call?id=\(id)")),
            ("title", .string(external ? "\(company) <> Northwind | \(purpose)" : "Northwind internal sync")),
            ("scheduled", scheduled.map(time) ?? .null), ("started", time(started)), ("duration", .int(duration)),
            ("primaryUserId", .string(host.id)), ("direction", "Conference"),
            ("system", .string(random.pick(["Zoom", "Zoom", "Google Meet", "Microsoft Teams", "WebEx"]))),
            ("scope", external ? "External" : "Internal"), ("media", video ? "Video" : "Audio"),
            ("language", random.chance(0.95) ? "eng" : "fre"), ("workspaceId", .string(workspaceId)),
            ("sdrDisposition", .null), ("clientUniqueId", .null), ("customData", .null),
            ("purpose", random.chance(0.5) ? .string(purpose) : .null),
            ("meetingUrl", .string("https://northwind.zoom.us/j/\(random.int(in: 1_000_000_000...9_999_999_999))")),
            ("isPrivate", .bool(random.chance(0.02))),
            ("calendarEventId", .string("\(String(random.next(), radix: 36))@google.com")),
        ])
        var parties: [JSONValue] = []
        var speakers: [(id: String, userId: String?)] = []
        func party(
            name: String, email: String?, title: String, userId: String?, affiliation: String,
            random: inout SplitMix64
        ) -> JSONValue {
            var members: [(String, JSONValue)] = [("id", .string(random.digitID()))]
            if let email { members.append(("emailAddress", .string(email))) }
            members.append(("name", .string(name)))
            members.append(("title", .string(title)))
            if let userId { members.append(("userId", .string(userId))) }
            if random.chance(0.8) {
                let speakerId = random.digitID()
                speakers.append((speakerId, userId))
                members.append(("speakerId", .string(speakerId)))
            } else {
                members.append(("speakerId", .null))
            }
            members.append(("context", .array([])))
            members.append(("affiliation", .string(affiliation)))
            if email == nil { members.append(("phoneNumber", .string("+1 212-555-\(random.int(in: 1000...9999))"))) }
            members.append(("methods", .array(random.chance(0.5) ? ["Invitee", "Attendee"] : ["Attendee"])))
            return .object(members)
        }
        parties.append(
            party(
                name: host.name, email: host.email, title: host.title, userId: host.id, affiliation: "Internal",
                random: &random))
        for _ in 0..<random.int(in: 0...2) {
            let colleague = random.pick(users)
            guard colleague.id != host.id else { continue }
            parties.append(
                party(
                    name: colleague.name, email: colleague.email, title: colleague.title, userId: colleague.id,
                    affiliation: "Internal", random: &random))
        }
        if external {
            for position in 0..<random.int(in: 1...4) {
                let first = random.pick(firstNames)
                let last = random.pick(lastNames)
                let dialIn = position > 0 && random.chance(0.15)
                let email = dialIn ? nil : "\(first.lowercased()).\(last.lowercased())@\(domain)"
                parties.append(
                    party(
                        name: "\(first) \(last)", email: email, title: random.pick(externalTitles), userId: nil,
                        affiliation: random.chance(0.9) ? "External" : "Unknown", random: &random))
            }
        }
        let context: JSONValue
        if external, random.chance(0.3) {
            let object: JSONValue = .object([
                ("objectType", "Account"), ("objectId", .string("001\(String(random.next(), radix: 36).prefix(15))")),
                ("fields", .array([.object([("name", "Name"), ("value", .string(company))])])), ("timing", "Now"),
            ])
            context = .array([.object([("system", "Salesforce"), ("objects", .array([object]))])])
        } else {
            context = .array([])
        }
        return .object([
            ("metaData", metaData), ("context", context), ("parties", .array(parties)),
            ("content", content(&random, duration: duration, speakers: speakers.map(\.id))),
            ("interaction", interaction(&random, duration: duration, speakers: speakers, video: video)),
            ("collaboration", collaboration(&random, started: started, duration: duration, host: host)),
        ])
    }

    private static func content(_ random: inout SplitMix64, duration: Int, speakers: [String]) -> JSONValue {
        let speaker = JSONValue.optional(speakers.first)
        var members: [(String, JSONValue)] = []
        let structure = sections.prefix(3).map {
            JSONValue.object([("name", .string($0)), ("duration", .int(duration / 3))])
        }
        members.append(("structure", .array(structure)))
        let trackerName = random.pick(["Competitors", "Pricing", "Security"])
        let occurrence = JSONValue.object([
            ("startTime", .double(Double(random.int(in: 0...duration)) + 0.5)), ("speakerId", speaker),
        ])
        let phrase = JSONValue.object([
            ("count", 1), ("occurrences", .array([occurrence])), ("phrase", .string(trackerName.lowercased())),
        ])
        let tracker = JSONValue.object([
            ("id", .string(random.digitID())), ("name", .string(trackerName)), ("count", 1), ("type", "KEYWORD"),
            ("occurrences", .array([occurrence])), ("phrases", .array([phrase])),
        ])
        members.append(("trackers", .array([tracker])))
        var topicList: [JSONValue] = []
        for name in topics.shuffled(using: &random).prefix(random.int(in: 2...4)) {
            topicList.append(.object([("name", .string(name)), ("duration", .int(random.int(in: 30...600)))]))
        }
        members.append(("topics", .array(topicList)))
        var actionItems: [JSONValue] = []
        for _ in 0..<random.int(in: 0...3) {
            let start = random.int(in: 0...max(duration - 20, 0))
            actionItems.append(
                .object([
                    ("snippetStartTime", .int(start)), ("snippetEndTime", .int(start + 12)), ("speakerID", speaker),
                    ("snippet", .string("I'll send the revised quote by Friday.")),
                ]))
        }
        members.append(("pointsOfInterest", .object([("actionItems", .array(actionItems))])))
        if random.chance(0.9) {
            members.append(("brief", .string(sentences.shuffled(using: &random).prefix(3).joined(separator: " "))))
        }
        if random.chance(0.85) {
            let item = JSONValue.object([("text", .string(random.pick(sentences))), ("startTime", .double(10))])
            let section = JSONValue.object([
                ("section", .string(random.pick(sections))), ("startTime", .double(0)),
                ("duration", .double(Double(duration))), ("items", .array([item])),
            ])
            members.append(("outline", .array([section])))
        }
        if random.chance(0.5) {
            let item = JSONValue.object([("text", .string(random.pick(sentences))), ("startTimes", .array([42.5]))])
            members.append(("highlights", .array([.object([("title", "Next steps"), ("items", .array([item]))])])))
        }
        if random.chance(0.6) {
            let outcome = JSONValue.object([
                ("id", "MEETING_BOOKED"), ("category", "Answered"), ("name", "Meeting booked"),
            ])
            members.append(("callOutcome", outcome))
        }
        var keyPoints: [JSONValue] = []
        for _ in 0..<random.int(in: 1...3) { keyPoints.append(.object([("text", .string(random.pick(sentences)))])) }
        members.append(("keyPoints", .array(keyPoints)))
        return .object(members)
    }

    private static func interaction(
        _ random: inout SplitMix64, duration: Int, speakers: [(id: String, userId: String?)], video: Bool
    ) -> JSONValue {
        var speakerList: [JSONValue] = []
        for speaker in speakers {
            var members: [(String, JSONValue)] = [("id", .string(speaker.id))]
            if let userId = speaker.userId { members.append(("userId", .string(userId))) }
            members.append(("talkTime", .int(random.int(in: 10...max(duration / 2, 10)))))
            speakerList.append(.object(members))
        }
        let stats: [JSONValue] = [
            .object([("name", "Talk Ratio"), ("value", .double(Double(random.int(in: 20...80)) / 100))]),
            .object([("name", "Interactivity"), ("value", .int(random.int(in: 1...10)))]),
        ]
        var members: [(String, JSONValue)] = [("speakers", .array(speakerList)), ("interactionStats", .array(stats))]
        if video {
            members.append(("video", .array([.object([("name", "Browser"), ("duration", .int(duration))])])))
        }
        let questions = JSONValue.object([
            ("companyCount", .int(random.int(in: 0...12))), ("nonCompanyCount", .int(random.int(in: 0...12))),
        ])
        members.append(("questions", questions))
        return .object(members)
    }

    private static func collaboration(
        _ random: inout SplitMix64, started: Int64, duration: Int, host: User
    ) -> JSONValue {
        guard random.chance(0.2) else { return .object([("publicComments", .array([]))]) }
        let at = random.int(in: 0...duration)
        let posted = Instant.utcText(milliseconds: started + Int64(duration) * 1000 + 600_000)
        let comment = JSONValue.object([
            ("id", .string(random.digitID())), ("audioStartTime", .int(at)), ("audioEndTime", .int(at + 5)),
            ("commenterUserId", .string(host.id)), ("comment", "Worth a follow-up."), ("posted", .string(posted)),
            ("inReplyTo", .null), ("duringCall", false),
        ])
        return .object([("publicComments", .array([comment]))])
    }
}
