/// The reference data resolvers look up, loaded once at the start of a run (small beside the data synced).
///
/// E-mails and domains are lower-cased.
package struct ReferenceData: Sendable {
    /// A known contact.
    package struct Contact: Sendable, Hashable {
        /// The contact's id.
        package var contactID: String
        /// The contact's account.
        package var accountID: String

        /// Creates a contact reference.
        package init(contactID: String, accountID: String) {
            self.contactID = contactID
            self.accountID = accountID
        }
    }

    /// Contacts by lower-cased e-mail.
    package var contactsByEmail: [String: Contact] = [:]
    /// Account ids by lower-cased e-mail domain.
    package var accountByDomain: [String: String] = [:]
    /// Lower-cased domains of free e-mail services, never evidence of an account.
    package var freeMailDomains: Set<String> = []
    /// Team member ids by lower-cased e-mail.
    package var teamMemberByEmail: [String: String] = [:]
    /// Team member ids by each other look-up key of the team member target (`gong_user_id`, …), then by value.
    package var teamMemberByKey: [String: [String: String]] = [:]

    /// The reference version this snapshot was read at (`reference_state.version`): records rejected under an
    /// older version may resolve now.
    package var version = 0

    /// Empty reference data.
    package init() {}

    /// The team member whose look-up key `key` holds `value` (e-mails compared case-insensitively).
    package func teamMember(_ value: String, by key: String) -> String? {
        key == "email" ? teamMemberByEmail[value.asciiLowercased] : teamMemberByKey[key]?[value]
    }
}
