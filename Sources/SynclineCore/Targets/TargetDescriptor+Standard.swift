extension TargetDescriptor {
    /// The target objects of the staging model, in the order the README lists them: the one list.
    package static let standard: [TargetDescriptor] = [touchpoint, teamMember, account, contact]
}

extension TargetID {
    /// A meeting or call with a customer.
    package static let touchpoint: TargetID = "touchpoint"
    /// A member of the company's own team.
    package static let teamMember: TargetID = "team_member"
    /// A customer account.
    package static let account: TargetID = "account"
    /// A person at a customer account.
    package static let contact: TargetID = "contact"
}

extension [BookkeepingColumn] {
    /// Reference data: who wrote the row last, and when it was created and updated.
    static let referenceData: [BookkeepingColumn] = [
        .init("source_job", .job, isRewrittenOnUpdate: true), .init("created_at", .now, isRewrittenOnUpdate: false),
        .init("updated_at", .now, isRewrittenOnUpdate: true),
    ]
}

extension TargetDescriptor {
    /// The standard target named `id`.
    package static func named(_ id: TargetID) -> TargetDescriptor? { standard.first { $0.id == id } }
}
