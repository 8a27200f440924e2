extension TargetObject {
    /// The target objects of the staging model, in the order the README lists them.
    package static let staging: [TargetObject] = [touchpoint, teamMember, account, contact]

    /// A meeting or call with a customer: created once, never overwritten by a sync.
    package static let touchpoint = TargetObject(
        name: "touchpoint", summary: "A meeting or call with a customer; created once, never overwritten.",
        key: "touchpoint_id",
        attributes: [
            .init("touchpoint_id", .string, isRequired: true, "The source's id of the call or meeting."),
            .init("account_id", .reference("account"), isRequired: true, "The account the touchpoint belongs to."),
            .init("subject", .string, "A one-line title."),
            .init("created_by", .reference("team_member"), "The team member who hosted it."),
            .init("touchpoint_date", .datetime, isRequired: true, "When it started (UTC)."),
            .init("touchpoint_type", .string, "The kind of touchpoint (Web Meeting)."),
            .init("participants", .participants, "Who took part, each matched to a team member or contact."),
            .init(
                "body", .text,
                "Plain-text summary: times, purpose, recording, brief, key points, agenda, topics, action items."),
        ],
        modes: [.createOnly]
    )

    /// A member of the integrating company's own team.
    package static let teamMember = TargetObject(
        name: "team_member", summary: "A member of the company's own team.",
        key: "team_member_id",
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
        modes: [.upsert, .createOnly]
    )

    /// A customer account, known by one or more e-mail domains.
    package static let account = TargetObject(
        name: "account", summary: "A customer account; each row of a load may add one e-mail domain.",
        key: "account_id",
        attributes: [
            .init("account_id", .string, isRequired: true, "The account's id."),
            .init("account_name", .string, "The account's name."),
            .init("domain", .string, "An e-mail domain of the account (added to account_domains)."),
        ],
        modes: [.upsert, .createOnly]
    )

    /// A person at a customer account.
    package static let contact = TargetObject(
        name: "contact", summary: "A person at a customer account, matched by e-mail.",
        key: "contact_id",
        attributes: [
            .init("contact_id", .string, isRequired: true, "The contact's id."),
            .init("email", .string, isRequired: true, "E-mail address (matched case-insensitively)."),
            .init("account_id", .reference("account"), isRequired: true, "The contact's account."),
            .init("display_name", .string, "Full name."),
            .init("title", .string, "Job title."),
        ],
        modes: [.upsert, .createOnly]
    )
}
