extension TargetDescriptor {
    /// A member of the integrating company's own team.
    package static let teamMember = TargetDescriptor(
        id: .teamMember, summary: "A member of the company's own team.",
        table: "team_members", key: "team_member_id",
        attributes: [
            .init("team_member_id", .string, isRequired: true, "The team member's id."),
            .init("email", .string, isRequired: true, "Primary e-mail address (matched case-insensitively)."),
            .init("first_name", .string, "First name."),
            .init("last_name", .string, "Last name."),
            .init("display_name", .string, "Full name as shown."),
            .init("title", .string, "Job title."),
            .init("gong_user_id", .string, "The Gong user id, for resolving call hosts."),
            .init("webex_person_id", .string, "The Webex person id."),
            .init("is_active", .boolean, "Whether the member is active."),
        ],
        modes: [.upsert, .createOnly],
        bookkeeping: .referenceData,
        isReferenceData: true,
        lookupKeys: ["email", "gong_user_id", "webex_person_id"],
        resolveHint: "use {resolve: team_member, by: email, from: <path>}"
    )
}
