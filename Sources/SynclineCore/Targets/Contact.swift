extension TargetDescriptor {
    /// A person at a customer account.
    package static let contact = TargetDescriptor(
        id: .contact, summary: "A person at a customer account, matched by e-mail.",
        table: "contacts", key: "contact_id",
        attributes: [
            .init("contact_id", .string, isRequired: true, "The contact's id."),
            .init("email", .string, isRequired: true, "E-mail address (matched case-insensitively)."),
            .init("account_id", .reference(.account), isRequired: true, "The contact's account."),
            .init("display_name", .string, "Full name."),
            .init("title", .string, "Job title."),
        ],
        modes: [.upsert, .createOnly],
        bookkeeping: .referenceData,
        isReferenceData: true
    )
}
