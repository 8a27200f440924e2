import Foundation
import Mustache
package import SynclineCore

/// Maps source records to staging rows with a plan's expressions: paths, formatters, resolvers, the body template.
///
/// Built once per run; `map` is called for every record and touches no database (reference data is a snapshot).
package struct RecordMapper: Sendable {
    /// What mapping one record gave.
    package enum Outcome: Sendable {
        /// A row to write, and the warnings it raised (an unknown host, an account tie).
        case row(StagingRow, warnings: Int)
        /// A record that must not be written.
        case rejected(Rejection)
        /// A record whose cursor is outside the window; `isAfter` when at or past its end.
        case outsideWindow(isAfter: Bool)
    }

    /// The columns written, in row order.
    package let layout: StagingLayout
    private let plan: Plan
    private let reference: ReferenceData
    private let templates: [String: MustacheTemplate]
    private let fastTemplates: [String: TextTemplate]
    private let attributeTypes: [AttributeType?]
    /// For each derived column, in layout order: the index of the attribute it describes and its plain value.
    private let derived: [(attribute: Int, whenMapped: String)]

    /// Prepares `plan` for mapping rows of `descriptor` with `reference` data; throws `EngineError` for a template
    /// that no longer parses.
    package init(plan: Plan, descriptor: TargetDescriptor, reference: ReferenceData) throws {
        self.plan = plan
        self.reference = reference
        let names = plan.attributes.map(\.name)
        layout = StagingLayout(descriptor: descriptor, mode: plan.target.mode, attributes: names)
        derived = descriptor.derivedColumns.compactMap { column in
            names.firstIndex(of: column.attribute).map { (attribute: $0, whenMapped: column.whenMapped) }
        }
        var templates: [String: MustacheTemplate] = [:]
        var fastTemplates: [String: TextTemplate] = [:]
        for attribute in plan.attributes {
            guard case .template(let body) = attribute.expression else { continue }
            do {
                templates[attribute.name] = try MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + body.text)
            } catch {
                throw EngineError("the body template of '\(attribute.name)' does not parse; run 'syncline validate'")
            }
            let lists = Set(body.values.filter { $0.expression.paths.contains(where: \.yieldsList) }.map(\.name))
            fastTemplates[attribute.name] = TextTemplate.compile(body.text, lists: lists)
        }
        self.templates = templates
        self.fastTemplates = fastTemplates
        attributeTypes = plan.attributes.map { descriptor.attribute($0.name)?.type }
    }

    /// The reference version of the snapshot it maps with.
    package var referenceVersion: Int { reference.version }

    /// The record's id in the source, for rejection reports.
    package func sourceID(of record: Value) -> String {
        plan.source.idField.flatMap { record.value(at: $0)?.scalarText } ?? "(no id)"
    }

    /// Maps one record: filters it by `window` on the cursor, evaluates every attribute, and decides.
    package func map(_ record: Value, window: SyncWindow) -> Outcome {
        var recordDate: String?
        if let cursor = plan.sync.cursor {
            guard let text = record.value(at: cursor)?.string, let instant = Instant.milliseconds(text) else {
                let found = record.value(at: cursor)?.scalarText.map { "'\($0)'" } ?? "nothing"
                return .rejected(
                    Rejection(
                        sourceID: sourceID(of: record), code: .badCursor,
                        reason: "cursor '\(cursor)' holds \(found), not an ISO-8601 instant", recordDate: nil
                    )
                )
            }
            if let from = window.from, instant < Self.milliseconds(from) { return .outsideWindow(isAfter: false) }
            if instant >= Self.milliseconds(window.to) { return .outsideWindow(isAfter: true) }
            recordDate = Instant.utcText(milliseconds: instant)
        }
        var cells: [Cell] = []
        cells.reserveCapacity(layout.columns.count)
        var warnings = 0
        var methods: [Int: String] = [:]  // how each resolved attribute was resolved (`contact`, `domain`, `tie`)
        for (index, attribute) in plan.attributes.enumerated() {
            let cell: Cell
            let type = attributeTypes[index]
            switch attribute.expression {
            case .path(let path, let format, let fallback):
                switch evaluatePath(path, format: format, record: record, type: type) {
                case .success(let value):
                    cell = value.map(Cell.text) ?? fallback.map(Cell.text) ?? .null
                case .failure(let problem):
                    return .rejected(
                        Rejection(
                            sourceID: sourceID(of: record), code: .badValue, reason: problem.message,
                            recordDate: recordDate)
                    )
                }
                if case .text(let text) = cell, type == .integer || type == .boolean {
                    cells.append(integerCell(text))
                    continue
                }
            case .constant(let value):
                cell = .text(value)
            case .resolve(let resolving):
                switch resolving.kind {
                case .account:
                    switch resolveAccount(record.values(at: resolving.from).compactMap(\.string)) {
                    case .success(let account):
                        cell = .text(account.id)
                        methods[index] = account.how
                        if account.how == "tie" { warnings += 1 }
                    case .failure(let rejection):
                        return .rejected(
                            Rejection(
                                sourceID: sourceID(of: record), code: rejection.code, reason: rejection.reason,
                                recordDate: recordDate)
                        )
                    }
                case .teamMember:
                    let key = record.value(at: resolving.from)?.scalarText
                    let member = key.flatMap { reference.teamMember($0, by: resolving.key ?? "email") }
                    if key != nil && member == nil { warnings += 1 }
                    cell = member.map(Cell.text) ?? .null
                case .participants:
                    // `from: parties` yields the array itself; `parties[]` its elements: accept both.
                    let parties = record.values(at: resolving.from).flatMap { $0.array ?? [$0] }
                    cell = .text(participants(parties, members: resolving.members))
                }
            case .template(let body):
                cell = .text(render(body, attribute: attribute.name, record: record))
            }
            if attribute.isRequired, case .null = cell {
                return .rejected(
                    Rejection(
                        sourceID: sourceID(of: record), code: .missingRequired,
                        reason:
                            "required attribute '\(attribute.name)' has no value (\(attribute.expression) is absent)",
                        recordDate: recordDate
                    )
                )
            }
            cells.append(cell)
        }
        for column in derived { cells.append(.text(methods[column.attribute] ?? column.whenMapped)) }
        guard let keyIndex = layout.columns.firstIndex(of: layout.key),
            let key = cells[keyIndex].text ?? cells[keyIndex].integerText
        else {
            return .rejected(
                Rejection(
                    sourceID: sourceID(of: record), code: .missingKey, reason: "the key '\(layout.key)' has no value",
                    recordDate: recordDate
                )
            )
        }
        return .row(StagingRow(key: key, cells: cells), warnings: warnings)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private func integerCell(_ text: String) -> Cell {
        switch text {
        case "true": .integer(1)
        case "false": .integer(0)
        default: Int64(text).map(Cell.integer) ?? .text(text)
        }
    }

    // MARK: Paths and formats

    private func evaluatePath(
        _ path: FieldPath, format: ValueFormat?, record: Value, type: AttributeType?
    ) -> Result<String?, PathProblem> {
        guard let value = record.value(at: path) else { return .success(nil) }
        switch format {
        case .date?:
            guard let text = value.string, let instant = Instant.milliseconds(text) else {
                return .failure(
                    PathProblem("'\(path)' holds '\(value.scalarText ?? "a container")', not an ISO-8601 instant"))
            }
            return .success(Instant.utcText(milliseconds: instant))
        case .duration?:
            guard let seconds = value.double else {
                return .failure(
                    PathProblem("'\(path)' holds '\(value.scalarText ?? "a container")', not a number of seconds"))
            }
            return .success(Self.minutes(seconds))
        case nil:
            if type == .datetime {
                guard let text = value.string, let instant = Instant.milliseconds(text) else {
                    return .failure(
                        PathProblem("'\(path)' holds '\(value.scalarText ?? "a container")', not an ISO-8601 instant"))
                }
                return .success(Instant.utcText(milliseconds: instant))
            }
            return .success(value.scalarText)
        }
    }

    /// A number of seconds as whole minutes: `31 min`.
    static func minutes(_ seconds: Double) -> String {
        "\(Int((seconds / 60).rounded())) min"
    }

    // MARK: Resolvers

    private struct ResolvedAccount {
        var id: String
        var how: String
    }

    private struct Unresolved: Error {
        var code: RejectionCode
        var reason: String
    }

    /// The account of a set of e-mails: each e-mail votes through its known contact first, else its domain
    /// (team members' and free-mail addresses never vote); most votes wins, ties go to the smallest id, flagged.
    private func resolveAccount(_ emails: [String]) -> Result<ResolvedAccount, Unresolved> {
        var votes: [String: Int] = [:]
        var byContact: Set<String> = []
        var teamMembers = 0
        var freeMail = 0
        var unknown: [String] = []
        var seen: [String] = []  // a call has a handful of participants: a linear scan beats hashing
        for raw in emails {
            let email = raw.asciiLowercased
            guard !seen.contains(email) else { continue }
            seen.append(email)
            if reference.teamMemberByEmail[email] != nil {
                teamMembers += 1
                continue
            }
            if let contact = reference.contactsByEmail[email] {
                votes[contact.accountID, default: 0] += 1
                byContact.insert(contact.accountID)
                continue
            }
            guard let at = email.lastIndex(of: "@") else { continue }
            let domain = String(email[email.index(after: at)...])
            if reference.freeMailDomains.contains(domain) {
                freeMail += 1
            } else if let account = reference.accountByDomain[domain] {
                votes[account, default: 0] += 1
            } else {
                unknown.append(domain)
            }
        }
        guard let top = votes.values.max() else {
            var parts: [String] = []
            if teamMembers > 0 { parts.append("\(teamMembers) team member\(teamMembers == 1 ? "" : "s")") }
            if freeMail > 0 { parts.append("\(freeMail) free-mail address\(freeMail == 1 ? "" : "es")") }
            let domains = Array(Set(unknown)).sorted()
            if !domains.isEmpty {
                parts.append("unknown domain\(domains.count == 1 ? "" : "s") " + domains.joined(separator: ", "))
            }
            let detail = seen.isEmpty ? "no participant has an e-mail address" : parts.joined(separator: "; ")
            return .failure(
                Unresolved(
                    code: .noRecognisedParticipant,
                    reason: "no participant matches a known contact or account domain (\(detail))"
                )
            )
        }
        let leaders = votes.filter { $0.value == top }.map(\.key).sorted()
        let winner = leaders[0]
        let how = leaders.count > 1 ? "tie" : byContact.contains(winner) ? "contact" : "domain"
        return .success(ResolvedAccount(id: winner, how: how))
    }

    /// Participants as a JSON array of objects: email, name, affiliation, and the matched team member or contact.
    private func participants(_ parties: [Value], members: [String: String]) -> String {
        var json = JSONText()
        json.appendRaw("[")
        for (index, party) in parties.enumerated() {
            if index > 0 { json.appendRaw(",") }
            json.appendRaw("{")
            var first = true
            func member(_ name: String, _ value: String?) {
                guard let value else { return }
                json.appendRaw(first ? "\"\(name)\":" : ",\"\(name)\":")
                json.appendString(value)
                first = false
            }
            let email = members["email"].flatMap { party[$0]?.string }
            member("email", email)
            member("name", members["name"].flatMap { party[$0]?.scalarText })
            member("affiliation", members["affiliation"].flatMap { party[$0]?.scalarText })
            if let email = email?.asciiLowercased {
                member("team_member_id", reference.teamMemberByEmail[email])
                member("contact_id", reference.contactsByEmail[email]?.contactID)
            }
            json.appendRaw("}")
        }
        json.appendRaw("]")
        return json.text
    }

    // MARK: Templates

    /// The template's values for `record`: text (or `missing`) and lists of text.
    ///
    /// Empty text counts as missing: a scalar that is empty (or only white space) renders `missing`, and empty list
    /// items are left out, so a list of nothing but empty items renders as an empty list (the template's inverted
    /// section, `not set` in the shipped body).
    func templateInputs(_ body: BodyTemplate, record: Value) -> [String: TextTemplate.Input] {
        var inputs: [String: TextTemplate.Input] = [:]
        for value in body.values {
            switch value.expression {
            case .path(let path, let format, let fallback) where path.yieldsList:
                inputs[value.name] = .list(
                    record.values(at: path).compactMap { item -> String? in
                        switch format {
                        case .date?: item.string.flatMap(Instant.milliseconds).map(Instant.utcText(milliseconds:))
                        case .duration?: item.double.map(Self.minutes)
                        case nil: Self.nonEmpty(item.scalarText) ?? fallback.flatMap(Self.nonEmpty)
                        }
                    }
                )
            case .path(let path, let format, let fallback):
                let text = (try? evaluatePath(path, format: format, record: record, type: nil).get()) ?? nil
                inputs[value.name] = .text(Self.nonEmpty(text) ?? fallback ?? body.missing)
            case .constant(let constant):
                inputs[value.name] = .text(constant)
            case .resolve, .template:
                inputs[value.name] = .text(body.missing)
            }
        }
        return inputs
    }

    /// The text, unless it is empty or only white space.
    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }

    private func render(_ body: BodyTemplate, attribute: String, record: Value) -> String {
        let inputs = templateInputs(body, record: record)
        if let fast = fastTemplates[attribute] { return fast.render(inputs) }
        var context: [String: Any] = [:]
        for (name, input) in inputs {
            switch input {
            case .text(let text): context[name] = text
            case .list(let items): context[name] = items
            }
        }
        return templates[attribute]?.render(context) ?? ""
    }
}

private struct PathProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Cell {
    /// An integer cell as text (keys may be numbers).
    fileprivate var integerText: String? {
        if case .integer(let number) = self { return String(number) }
        return nil
    }
}
