package import SynclineCore

/// The Webex REST API v1 objects and their fields, as Cisco documents them (`../shared/reference/webex-api.md`
/// and `webex-meeting.json`), with the OAuth scopes each needs and why.
///
/// Settings blocks no job reads (`meetingOptions`, `registration`, …) are typed `any`: a job may still name a
/// field inside them, and the record is pruned to what it names.
package enum WebexCatalog {
    /// The connector's name in job files.
    package static let id: ConnectorID = "webex"

    /// The `webex` connector: meetings and invitees, people, meeting preferences.
    package static let connector = ConnectorCatalog(
        id: id,
        summary: "Webex REST API v1 over HTTPS: ended meetings and their invitees, the organisation's people, "
            + "personal meeting rooms and sites.",
        needsConnection: true,
        defaultBaseURL: "https://webexapis.com/v1",
        defaultDailyRequestBudget: nil,  // Webex publishes no daily limit: it answers 429 with Retry-After
        secrets: ["access_token"],
        secretSets: [["access_token"]],
        objects: [meetings, meetingInvitees, people, meetingPreferences]
    )

    /// A scope an object needs: the user-level one (the token owner's own data) and the admin-level one (the
    /// whole organisation), and why the integration asks for it.
    package struct Scope: Sendable, Hashable {
        /// The user-level scope.
        package var user: String
        /// The admin-level scope.
        package var admin: String
        /// Why it is needed.
        package var reason: String
    }

    /// The scope each object needs, by object name.
    package static let scopes: [ObjectName: Scope] = [
        meetings.name: Scope(
            user: "meeting:schedules_read", admin: "meeting:admin_schedule_read",
            reason: "list the ended meeting instances that become touchpoints, with their host"),
        meetingInvitees.name: Scope(
            user: "meeting:schedules_read", admin: "meeting:admin_schedule_read",
            reason: "identify each meeting's participants, cross-referenced with team members and contacts"),
        people.name: Scope(
            user: "spark:people_read", admin: "spark-admin:people_read",
            reason: "keep the organisation's users aligned with team members (joiners, changes, leavers)"),
        meetingPreferences.name: Scope(
            user: "meeting:preferences_read", admin: "meeting:admin_preferences_read",
            reason: "attribute meetings and recorded calls held in a Personal Meeting Room to the room's owner"),
    ]

    /// `GET /v1/meetings?meetingType=meeting&state=ended`: one record per ended meeting instance.
    package static let meetings = SourceObject(
        name: "meetings",
        summary: "Ended meeting instances (GET /v1/meetings, meetingType=meeting, state=ended), windowed on start.",
        record: meetingRecord,
        idField: FieldPath("id"),
        defaultCursor: FieldPath("start")
    )

    /// `GET /v1/meetingInvitees?meetingId=…`: one record per invitee of each meeting in the window.
    package static let meetingInvitees = SourceObject(
        name: "meeting_invitees",
        summary: "The invitees of each ended meeting in the window (GET /v1/meetingInvitees per meeting).",
        record: inviteeRecord,
        idField: FieldPath("id")
    )

    /// `GET /v1/people`: one record per person of the organisation.
    package static let people = SourceObject(
        name: "people",
        summary: "The organisation's people (GET /v1/people), read whole each run.",
        record: personRecord,
        idField: FieldPath("id")
    )

    /// `GET /v1/meetingPreferences/personalMeetingRoom` and `/sites`, per person: one record per person.
    package static let meetingPreferences = SourceObject(
        name: "meeting_preferences",
        summary: "Each person's Personal Meeting Room and Webex sites (GET /v1/meetingPreferences/…), read whole.",
        record: preferencesRecord,
        idField: FieldPath("personId")
    )

    static let link: FieldType = .object([.init("rel", .string), .init("href", .string), .init("method", .string)])

    static let telephony: FieldType = .object([
        .init("accessCode", .string, "The meeting's access code (for a personal room: its meeting number)."),
        .init(
            "callInNumbers",
            .array(
                .object([.init("label", .string), .init("callInNumber", .string), .init("tollType", .string)])),
            "Dial-in numbers."),
        .init("links", .array(link), "Related links."),
    ])

    /// The documented shape of one meeting (`Meeting`).
    package static let meetingRecord: FieldType = .object([
        .init("id", .string, "Meeting id: an instance id has `_I_` (`870f…0402_I_1674…`)."),
        .init("meetingSeriesId", .string, "The series the instance belongs to."),
        .init("scheduledMeetingId", .string, "The scheduled occurrence the instance belongs to."),
        .init("meetingNumber", .string, "The meeting number (absent on ended instances)."),
        .init("title", .string, "Title."),
        .init("agenda", .string, "Agenda."),
        .init("password", .string), .init("phoneAndVideoSystemPassword", .string),
        .init("meetingType", .string, "meetingSeries, scheduledMeeting or meeting."),
        .init("state", .string, "ended, inProgress, scheduled, …"),
        .init("scheduledType", .string, "meeting, webinar or personalRoomMeeting."),
        .init("isModified", .boolean), .init("hostDidJoin", .boolean), .init("attendeeDidJoin", .boolean),
        .init("timezone", .string, "The IANA zone of start and end."),
        .init("start", .datetime, "An instance's actual start."),
        .init("end", .datetime, "An instance's actual end."),
        .init("recurrence", .string, "RFC 2445 rule (series only)."),
        .init("hostUserId", .string, "The host's person id."),
        .init("hostDisplayName", .string, "The host's name."),
        .init("hostEmail", .string, "The host's e-mail."),
        .init("hostKey", .string),
        .init("siteUrl", .string, "The Webex site, without a scheme (`example.webex.com`)."),
        .init("webLink", .string, "The meeting's link."),
        .init("sipAddress", .string, "The meeting's SIP address."),
        .init("dialInIpAddress", .string),
        .init("roomId", .string, "Space meetings only."),
        .init("hasChat", .boolean), .init("hasRecording", .boolean, "Whether the instance was recorded."),
        .init("hasTranscription", .boolean), .init("hasSummary", .boolean), .init("hasClosedCaption", .boolean),
        .init("hasPolls", .boolean), .init("hasQA", .boolean), .init("hasSlido", .boolean),
        .init("telephony", telephony, "Dial-in details."),
        .init("meetingOptions", .any), .init("attendeePrivileges", .any), .init("audioConnectionOptions", .any),
        .init("registration", .any), .init("simultaneousInterpretation", .any), .init("liveStream", .any),
        .init("integrationTags", .array(.string)),
        .init("trackingCodes", .array(.object([.init("name", .string), .init("value", .string)]))),
        .init("links", .array(link)),
        .init("enabledAutoRecordMeeting", .boolean), .init("allowAnyUserToBeCoHost", .boolean),
        .init("enabledJoinBeforeHost", .boolean), .init("enableConnectAudioBeforeHost", .boolean),
        .init("joinBeforeHostMinutes", .integer), .init("excludePassword", .boolean), .init("publicMeeting", .boolean),
        .init("reminderTime", .integer), .init("unlockedMeetingJoinSecurity", .string),
        .init("sessionTypeId", .integer), .init("enableAutomaticLock", .boolean),
        .init("automaticLockMinutes", .integer), .init("allowFirstUserToBeCoHost", .boolean),
        .init("allowAuthenticatedDevices", .boolean), .init("enabledBreakoutSessions", .boolean),
        .init("enabledLiveStream", .boolean), .init("enabledAudioWatermark", .boolean),
        .init("enabledVisualWatermark", .boolean), .init("visualWatermarkOpacity", .integer),
    ])

    /// The documented shape of one invitee (`Invitee`).
    package static let inviteeRecord: FieldType = .object([
        .init("id", .string, "Invitee id (`<meetingId>_<n>`)."),
        .init("email", .string, "The invitee's e-mail."),
        .init("displayName", .string, "The invitee's name."),
        .init("coHost", .boolean, "Whether the invitee is a co-host."),
        .init("panelist", .boolean, "Webinars: whether the invitee is a panelist."),
        .init("meetingId", .string, "The meeting the invitation is for."),
    ])

    static let typedValue: FieldType = .object([
        .init("type", .string), .init("value", .string), .init("primary", .boolean),
    ])

    /// The documented shape of one person (`Person`).
    package static let personRecord: FieldType = .object([
        .init("id", .string, "Person id (base64url)."),
        .init("emails", .array(.string), "E-mail addresses; the first is the primary one."),
        .init("phoneNumbers", .array(typedValue)),
        .init("extension", .string), .init("locationId", .string),
        .init("displayName", .string, "Full name."),
        .init("nickName", .string), .init("firstName", .string), .init("lastName", .string),
        .init("avatar", .string), .init("orgId", .string),
        .init("roles", .array(.string)), .init("licenses", .array(.string)),
        .init("department", .string), .init("manager", .string), .init("managerId", .string),
        .init("title", .string, "Job title."),
        .init(
            "addresses",
            .array(
                .object([
                    .init("type", .string), .init("country", .string), .init("locality", .string),
                    .init("region", .string), .init("streetAddress", .string), .init("postalCode", .string),
                ]))),
        .init("created", .datetime), .init("lastModified", .datetime), .init("lastActivity", .datetime),
        .init("timezone", .string),
        .init("siteUrls", .array(.string), "Sites with the person's role (`site.webex.com#attendee`)."),
        .init("sipAddresses", .array(typedValue)),
        .init("xmppFederationJid", .string),
        .init("status", .string, "Presence (only for the caller's organisation)."),
        // Typed as string enums by the spec, JSON booleans in real responses: both are read.
        .init("invitePending", .any, "Whether the invitation is pending (true/false or \"true\"/\"false\")."),
        .init("loginEnabled", .any, "Whether the person may sign in (true/false or \"true\"/\"false\")."),
        .init("type", .string, "person, bot or appuser."),
    ])

    /// One person's preferences, as the source assembles them from two documented responses.
    package static let preferencesRecord: FieldType = .object([
        .init("personId", .string, "The person the preferences are of."),
        .init("email", .string, "The person's primary e-mail (`userEmail` of the requests)."),
        .init(
            "personalMeetingRoom",
            .object([
                .init("topic", .string), .init("hostPin", .string),
                .init("personalMeetingRoomLink", .string, "`https://SITE/meet/NAME`."),
                .init("enabledAutoLock", .boolean), .init("autoLockMinutes", .integer),
                .init("enabledNotifyHost", .boolean), .init("supportCoHost", .boolean),
                .init("supportAnyoneAsCoHost", .boolean), .init("allowFirstUserToBeCoHost", .boolean),
                .init("allowAuthenticatedDevices", .boolean),
                .init("coHosts", .array(.object([.init("email", .string), .init("displayName", .string)]))),
                .init("sipAddress", .string, "The room's SIP address."),
                .init("dialInIpAddress", .string),
                .init("telephony", telephony, "`accessCode` is the room's meeting number."),
            ]),
            "GET /v1/meetingPreferences/personalMeetingRoom; absent when Webex refused it (403)."),
        .init(
            "sites", .array(.object([.init("siteUrl", .string), .init("default", .boolean)])),
            "GET /v1/meetingPreferences/sites; exactly one is the default."),
    ])
}
