import SynclineCore

/// What an expression yields, for checking it against the attribute it maps.
enum ValueType: Equatable {
    /// One source value of a catalogue type.
    case scalar(FieldType)
    /// A list of source values (a path through `[]`).
    case list(FieldType)
    /// Text (constants, defaults, formatted values, rendered templates).
    case text
    /// An instant (a `date`-formatted value).
    case datetime
    /// The id of a row of a target object (a resolver's result).
    case reference(TargetID)
    /// Participant objects.
    case participants

    /// The type a path yields.
    init(_ type: FieldType) {
        if case .array(let element) = type { self = .list(element) } else { self = .scalar(type) }
    }

    /// A word for messages.
    var displayName: String {
        switch self {
        case .scalar(let type): type.displayName
        case .list(let type): "list of \(type.displayName)"
        case .text: "text"
        case .datetime: "datetime"
        case .reference(let object): "\(object) id"
        case .participants: "participants"
        }
    }

    /// Whether a value of this type may be stored in an attribute of `attribute`'s type.
    func isAssignable(to attribute: AttributeType) -> Bool {
        switch (attribute, self) {
        case (.string, .scalar(let type)), (.text, .scalar(let type)):
            type.isScalar || type == .any
        case (.string, .text), (.text, .text), (.string, .datetime), (.text, .datetime):
            true
        case (.integer, .scalar(let type)):
            type == .integer || type == .any
        case (.boolean, .scalar(let type)):
            type == .boolean || type == .any
        case (.datetime, .scalar(let type)):
            type == .datetime || type == .any
        case (.datetime, .datetime):
            true
        case (.reference(let object), .reference(let resolved)):
            object == resolved
        case (.reference, .scalar(let type)):
            type == .string || type == .integer || type == .any
        case (.reference, .text):
            true
        case (.participants, .participants):
            true
        default:
            false
        }
    }
}
