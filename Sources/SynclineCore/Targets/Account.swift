extension TargetDescriptor {
    /// A customer account, known by one or more e-mail domains.
    package static let account = TargetDescriptor(
        id: .account, summary: "A customer account; each row of a load may add one e-mail domain.",
        table: "accounts", key: "account_id",
        attributes: [
            .init("account_id", .string, isRequired: true, "The account's id."),
            .init("account_name", .string, "The account's name."),
            .init("domain", .string, "An e-mail domain of the account (added to account_domains)."),
        ],
        modes: [.upsert, .createOnly],
        bookkeeping: .referenceData,
        sideTables: [
            .init(
                table: "account_domains", attribute: "domain", valueColumn: "domain", ownerColumn: "account_id",
                isCaseInsensitive: true)
        ],
        isReferenceData: true,
        resolveHint: "use {resolve: account, from: <e-mail path>}"
    )
}
