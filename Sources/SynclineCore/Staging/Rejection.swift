/// A record that was not written, and why.
package struct Rejection: Sendable, Hashable {
    /// The record's id in the source.
    package var sourceID: String
    /// Why, as a stable code.
    package var code: RejectionCode
    /// What was wrong, for analysts: the details behind the code.
    package var reason: String
    /// The record's cursor value (UTC), when it has one.
    package var recordDate: String?
    /// The file that held it, for file sources (relative to the glob's root), so a retry can read it again.
    package var file: String?

    /// Creates a rejection.
    package init(sourceID: String, code: RejectionCode, reason: String, recordDate: String?, file: String? = nil) {
        self.sourceID = sourceID
        self.code = code
        self.reason = reason
        self.recordDate = recordDate
        self.file = file
    }
}

/// Why a record was not written: closed and stable, stored in `rejected_records.reason_code` and listed in the
/// README, so analysts can filter on it.
package enum RejectionCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// No participant e-mail matches a known contact or an account's domain (team members and free mail never
    /// count). Retried when reference data changes.
    case noRecognisedParticipant = "no-recognised-participant"
    /// The record's cursor field is missing or not an ISO-8601 instant.
    case badCursor = "bad-cursor"
    /// A mapped field holds a value its formatter or attribute cannot take (a date that is not one).
    case badValue = "bad-value"
    /// A required attribute has no value.
    case missingRequired = "missing-required"
    /// The key attribute has no value.
    case missingKey = "missing-key"

    /// One line on what it means, for the README and `syncline rejected`.
    package var summary: String {
        switch self {
        case .noRecognisedParticipant:
            "no participant matches a known contact or account domain (retried when reference data changes)"
        case .badCursor: "the cursor field is missing or not an ISO-8601 instant"
        case .badValue: "a field holds a value its format or attribute cannot take"
        case .missingRequired: "a required attribute has no value"
        case .missingKey: "the key attribute has no value"
        }
    }

    /// Whether loading reference data (accounts, domains, contacts, team members) can make the record resolve.
    package var dependsOnReferenceData: Bool { self == .noRecognisedParticipant }
}
