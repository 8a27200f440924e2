import Foundation
import SynclineSandbox

/// In-memory calls and users for the tests, in Gong's documented shape.
enum TestCalls {
    /// The content members Gong documents, each a switch of `exposedFields.content`.
    static let contentMembers = [
        "structure", "topics", "trackers", "pointsOfInterest", "brief", "outline", "highlights", "callOutcome",
        "keyPoints",
    ]

    /// A call with every optional block filled: context (a `Now` and a `TimeOfCall` object), two parties (one
    /// dial-in without email), all nine content members, all interaction members, a comment and media.
    static func call(
        id: String, started: String, primaryUserId: String = "3019921775004011266",
        workspaceId: String = "4810007331955602218"
    ) -> [String: Any] {
        let metaData: [String: Any] = [
            "id": id, "url": "https://us-40213.app.gong.io/call?id=\(id)", "title": "Call \(id)",
            "scheduled": started, "started": started, "duration": 1835, "primaryUserId": primaryUserId,
            "direction": "Conference", "system": "Zoom", "scope": "External", "media": "Video", "language": "eng",
            "workspaceId": workspaceId, "sdrDisposition": NSNull(), "clientUniqueId": NSNull(),
            "customData": NSNull(), "purpose": NSNull(), "meetingUrl": "https://zoom.us/j/91234567890",
            "isPrivate": false, "calendarEventId": "event-\(id)@google.com",
        ]
        func crmObject(_ timing: String) -> [String: Any] {
            [
                "objectType": "Opportunity", "objectId": "006\(timing)", "timing": timing,
                "fields": [["name": "StageName", "value": timing == "Now" ? "Closed Won" : "Negotiation"]],
            ]
        }
        let occurrence: [String: Any] = ["startTime": 32.5, "speakerId": "7702913388410022"]
        return [
            "metaData": metaData,
            "context": [["system": "Salesforce", "objects": [crmObject("Now"), crmObject("TimeOfCall")]]],
            "parties": [
                [
                    "id": "884120117", "emailAddress": "dana.ruiz@northwind.example", "name": "Dana Ruiz",
                    "title": "Account Executive", "userId": primaryUserId, "speakerId": "7702913388410022",
                    "context": [], "affiliation": "Internal", "methods": ["Invitee", "Attendee"],
                ],
                [
                    "id": "884120118", "name": "Dial-in caller", "phoneNumber": "+1 212-555-0199",
                    "speakerId": NSNull(), "context": [], "affiliation": "External", "methods": ["Attendee"],
                ],
            ],
            "content": [
                "structure": [["name": "Meeting Setup", "duration": 67]],
                "topics": [["name": "Pricing", "duration": 412]],
                "trackers": [
                    [
                        "id": "2210045", "name": "Competitors", "count": 1, "type": "KEYWORD",
                        "occurrences": [occurrence],
                        "phrases": [["count": 1, "occurrences": [occurrence], "phrase": "Walmart"]],
                    ]
                ],
                "pointsOfInterest": [
                    "actionItems": [
                        [
                            "snippetStartTime": 1650.5, "snippetEndTime": 1661.0, "speakerID": "7702913388410022",
                            "snippet": "I'll send the revised quote tomorrow.",
                        ]
                    ]
                ],
                "brief": "Acme wants volume pricing before the Q2 renewal.",
                "outline": [
                    [
                        "section": "Pricing", "startTime": 300.0, "duration": 412.0,
                        "items": [["text": "Volume tiers discussed", "startTime": 310.0]],
                    ]
                ],
                "highlights": [["title": "Next steps", "items": [["text": "Send quote", "startTimes": [1650.5]]]]],
                "callOutcome": ["id": "MEETING_BOOKED", "category": "Answered", "name": "Meeting booked"],
                "keyPoints": [["text": "Renewal decision due 31 March"]],
            ],
            "interaction": [
                "speakers": [["id": "7702913388410022", "userId": primaryUserId, "talkTime": 145]],
                "interactionStats": [["name": "Interactivity", "value": 56]],
                "video": [["name": "Browser", "duration": 218]],
                "questions": ["companyCount": 3, "nonCompanyCount": 2],
            ],
            "collaboration": [
                "publicComments": [
                    [
                        "id": "6843152929075440037", "audioStartTime": 26, "audioEndTime": 26,
                        "commenterUserId": primaryUserId, "comment": "new comment", "posted": started,
                        "inReplyTo": NSNull(), "duringCall": false,
                    ]
                ]
            ],
            "media": ["audioUrl": "https://media.example/\(id).mp3", "videoUrl": "https://media.example/\(id).mp4"],
        ]
    }

    /// A user in Gong's `UserMetadata` shape.
    static func user(id: String, email: String) -> [String: Any] {
        [
            "id": id, "emailAddress": email, "created": "2024-02-17T02:30:00-08:00", "active": true,
            "emailAliases": [], "trustedEmailAddress": email, "firstName": "Test", "lastName": "User",
            "title": "Account Executive", "phoneNumber": "+1 123-567-8989", "extension": NSNull(),
            "personalMeetingUrls": ["https://zoom.us/j/123"],
            "settings": [
                "webConferencesRecorded": true, "preventWebConferenceRecording": false,
                "telephonyCallsImported": false, "emailsImported": true, "preventEmailImport": false,
                "nonRecordedMeetingsImported": true, "gongConnectEnabled": true,
            ],
            "managerId": NSNull(), "meetingConsentPageUrl": NSNull(),
            "spokenLanguages": [["language": "en-US", "primary": true]],
        ]
    }

    /// Sandbox data of `calls` and two users.
    static func data(_ calls: [[String: Any]]) throws -> GongSandboxData {
        try GongSandboxData(
            users: [user(id: "3019921775004011266", email: "dana.ruiz@northwind.example")], calls: calls)
    }

    /// `count` calls one minute apart from 2026-03-02T00:00:00Z, ids `1000000000000000001`, … in that order.
    static func minuteApart(_ count: Int) -> [[String: Any]] {
        (0..<count).map { position in
            let started = Date(timeIntervalSince1970: 1_772_409_600 + Double(position) * 60)
            return call(id: String(1_000_000_000_000_000_001 + position), started: iso(started))
        }
    }

    /// `2026-03-02T00:00:00Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A fixed end for generated data, so tests do not depend on the clock.
    static let end = Date(timeIntervalSince1970: 1_773_014_400)  // 2026-03-09T00:00:00Z
}
