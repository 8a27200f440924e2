package import SynclineCore

/// The Gong API v2 objects and their fields, as Gong documents them (see the README's connector section).
package enum GongCatalog {
    /// The connector's name in job files.
    package static let id: ConnectorID = "gong"

    /// The `gong` connector: calls and users over HTTPS.
    package static let connector = ConnectorCatalog(
        id: id,
        summary: "Gong API v2 over HTTPS: calls with parties and content, and users.",
        needsConnection: true,
        defaultBaseURL: "https://api.gong.io",
        defaultDailyRequestBudget: 9_000,  // of the ~10,000 a day Gong allows a company, leaving room for others
        secrets: ["access_key", "access_key_secret", "bearer_token"],
        secretSets: [["access_key", "access_key_secret"], ["bearer_token"]],
        objects: [calls, users]
    )

    /// `POST /v2/calls/extensive`: one record per call.
    package static let calls = SourceObject(
        name: GongEndpoint.calls.object,
        summary: "Calls with metadata, parties and content (POST /v2/calls/extensive), windowed on metaData.started.",
        record: callRecord,
        idField: FieldPath("metaData.id"),
        defaultCursor: FieldPath("metaData.started")
    )

    /// `GET /v2/users`: one record per user.
    package static let users = SourceObject(
        name: GongEndpoint.users.object,
        summary: "The company's Gong users (GET /v2/users), read whole each run.",
        record: userRecord,
        idField: FieldPath("id")
    )

    /// The documented shape of one call of `/v2/calls/extensive` (`CallData`).
    package static let callRecord: FieldType = .object([
        .init("metaData", callMetaData, "Basic call data (CallBasicData)."),
        .init("context", .array(context), "Links to external systems (CRM)."),
        .init("parties", .array(party), "Participants."),
        .init("content", content, "AI content: brief, outline, key points, topics, trackers, action items."),
        .init("interaction", interaction, "Speakers and interaction statistics."),
        .init("collaboration", .object([.init("publicComments", .array(publicComment))]), "Public comments."),
        .init(
            "media", .object([.init("audioUrl", .string), .init("videoUrl", .string)]), "Media URLs (valid 8 hours)."),
    ])

    static let callMetaData: FieldType = .object([
        .init("id", .string, "Call id (digits, up to 20)."),
        .init("url", .string, "Link to the call in Gong."),
        .init("title", .string, "Call title."),
        .init("scheduled", .datetime, "Scheduled start."),
        .init("started", .datetime, "When recording started."),
        .init("duration", .integer, "Length in seconds."),
        .init("primaryUserId", .string, "The Gong user who hosted the call."),
        .init("direction", .string, "Inbound, Outbound, Conference or Unknown."),
        .init("system", .string, "Zoom, WebEx, Outreach, …"),
        .init("scope", .string, "Internal, External or Unknown."),
        .init("media", .string, "Video or Audio."),
        .init("language", .string, "ISO-639-2B language code."),
        .init("workspaceId", .string, "Workspace id."),
        .init("sdrDisposition", .string, "SDR disposition."),
        .init("clientUniqueId", .string, "Id in the originating recorder."),
        .init("customData", .string, "Data supplied at upload."),
        .init("purpose", .string, "The call's purpose."),
        .init("meetingUrl", .string, "Conference URL."),
        .init("isPrivate", .boolean, "Whether the call is private."),
        .init("calendarEventId", .string, "Calendar event id."),
    ])

    static let contextField: FieldType = .object([.init("name", .string), .init("value", .any)])

    static let context: FieldType = .object([
        .init("system", .string, "External system (Salesforce, …)."),
        .init(
            "objects",
            .array(
                .object([
                    .init("objectType", .string), .init("objectId", .string),
                    .init("fields", .array(contextField)), .init("timing", .string),
                ])
            )
        ),
    ])

    static let party: FieldType = .object([
        .init("id", .string, "Party id within the call."),
        .init("emailAddress", .string, "E-mail address; missing for dial-in parties."),
        .init("name", .string, "Name."),
        .init("title", .string, "Job title."),
        .init("userId", .string, "Gong user id, for internal parties."),
        .init("speakerId", .string, "Speaker id, when the party spoke."),
        .init("context", .array(context), "CRM links."),
        .init("affiliation", .string, "Internal, External or Unknown."),
        .init("phoneNumber", .string, "Phone number."),
        .init("methods", .array(.string), "Invitee, Attendee."),
    ])

    static let occurrence: FieldType = .object([.init("startTime", .number), .init("speakerId", .string)])

    static let content: FieldType = .object([
        .init("structure", .array(.object([.init("name", .string), .init("duration", .number)])), "Call structure."),
        .init(
            "trackers",
            .array(
                .object([
                    .init("id", .string), .init("name", .string), .init("count", .integer), .init("type", .string),
                    .init("occurrences", .array(occurrence)),
                    .init(
                        "phrases",
                        .array(
                            .object([
                                .init("count", .integer), .init("occurrences", .array(occurrence)),
                                .init("phrase", .string),
                            ])
                        )
                    ),
                ])
            ),
            "Trackers."
        ),
        .init(
            "topics", .array(.object([.init("name", .string), .init("duration", .number)])),
            "Topics, duration in seconds."),
        .init(
            "pointsOfInterest",
            .object([
                .init(
                    "actionItems",
                    .array(
                        .object([
                            .init("snippetStartTime", .number), .init("snippetEndTime", .number),
                            .init("speakerID", .string), .init("snippet", .string),
                        ])
                    )
                )
            ]),
            "Action items."
        ),
        .init("brief", .string, "AI brief."),
        .init(
            "outline",
            .array(
                .object([
                    .init("section", .string), .init("startTime", .number), .init("duration", .number),
                    .init("items", .array(.object([.init("text", .string), .init("startTime", .number)]))),
                ])
            ),
            "Agenda sections."
        ),
        .init(
            "highlights",
            .array(
                .object([
                    .init("title", .string),
                    .init("items", .array(.object([.init("text", .string), .init("startTimes", .array(.number))]))),
                ])
            ),
            "Highlights."
        ),
        .init(
            "callOutcome", .object([.init("id", .string), .init("category", .string), .init("name", .string)]),
            "Outcome."),
        .init("keyPoints", .array(.object([.init("text", .string)])), "Key points."),
    ])

    static let interaction: FieldType = .object([
        .init(
            "speakers", .array(.object([.init("id", .string), .init("userId", .string), .init("talkTime", .number)]))),
        .init("interactionStats", .array(.object([.init("name", .string), .init("value", .number)]))),
        .init("video", .array(.object([.init("name", .string), .init("duration", .number)]))),
        .init("questions", .object([.init("companyCount", .integer), .init("nonCompanyCount", .integer)])),
    ])

    static let publicComment: FieldType = .object([
        .init("id", .string), .init("audioStartTime", .number), .init("audioEndTime", .number),
        .init("commenterUserId", .string), .init("comment", .string), .init("posted", .datetime),
        .init("inReplyTo", .string), .init("duringCall", .boolean),
    ])

    /// The documented shape of one user of `/v2/users` (`UserMetadata`).
    package static let userRecord: FieldType = .object([
        .init("id", .string, "User id."),
        .init("emailAddress", .string, "Primary e-mail address."),
        .init("created", .datetime, "When the user was created."),
        .init("active", .boolean, "Whether the user is active."),
        .init("emailAliases", .array(.string), "Other e-mail addresses."),
        .init("trustedEmailAddress", .string, "Trusted e-mail address."),
        .init("firstName", .string, "First name."),
        .init("lastName", .string, "Last name."),
        .init("title", .string, "Job title."),
        .init("phoneNumber", .string, "Phone number."),
        .init("extension", .string, "Phone extension."),
        .init("personalMeetingUrls", .array(.string), "Personal meeting URLs."),
        .init(
            "settings",
            .object([
                .init("webConferencesRecorded", .boolean), .init("preventWebConferenceRecording", .boolean),
                .init("telephonyCallsImported", .boolean), .init("emailsImported", .boolean),
                .init("preventEmailImport", .boolean), .init("nonRecordedMeetingsImported", .boolean),
                .init("gongConnectEnabled", .boolean),
            ]),
            "Recording and import settings."
        ),
        .init("managerId", .string, "The manager's user id."),
        .init("meetingConsentPageUrl", .string, "Consent page URL."),
        .init(
            "spokenLanguages", .array(.object([.init("language", .string), .init("primary", .boolean)])), "Languages."),
    ])
}
