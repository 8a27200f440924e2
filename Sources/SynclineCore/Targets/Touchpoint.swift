extension TargetDescriptor {
    /// A meeting or call with a customer: created once, never overwritten by a sync.
    package static let touchpoint = TargetDescriptor(
        id: .touchpoint, summary: "A meeting or call with a customer; created once, never overwritten.",
        table: "touchpoints", key: "touchpoint_id",
        attributes: [
            .init("touchpoint_id", .string, isRequired: true, "The source's id of the call or meeting."),
            .init("account_id", .reference(.account), isRequired: true, "The account the touchpoint belongs to."),
            .init("subject", .string, "A one-line title."),
            .init("created_by", .reference(.teamMember), "The team member who hosted it."),
            .init("touchpoint_date", .datetime, isRequired: true, "When it started (UTC)."),
            .init("touchpoint_type", .string, "The kind of touchpoint (Web Meeting)."),
            .init("participants", .participants, "Who took part, each matched to a team member or contact."),
            .init(
                "flow", .string, defaultValue: "default",
                "The touchpoint flow it enters; the project's `defaults.touchpoint.flow` unless a job maps it."),
            .init("reason", .string, "Why it happened (a reason code of the instance), when a job maps one."),
            .init(
                "body", .text,
                "Plain-text summary: times, purpose, recording, brief, key points, agenda, topics, action items."),
        ],
        modes: [.createOnly],
        bookkeeping: [
            .init("source_job", .job, isRewrittenOnUpdate: false),
            .init("source_run", .run, isRewrittenOnUpdate: false),
            .init("created_at", .now, isRewrittenOnUpdate: false),
        ],
        derivedColumns: [.init("account_resolution", resolutionOf: "account_id", whenMapped: "mapped")]
    )
}
