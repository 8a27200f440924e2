import Foundation

/// What `contentSelector` asks `POST /v2/calls/extensive` to add to each call's `metaData`.
struct GongContentSelector: Sendable {
    /// `contentSelector.context`.
    enum Context: String, Sendable {
        case none = "None"
        case basic = "Basic"
        case extended = "Extended"
    }

    /// The `content` switches Gong documents (each the name of the member it adds).
    static let contentMembers = [
        "structure", "topics", "trackers", "pointsOfInterest", "brief", "outline", "highlights", "callOutcome",
        "keyPoints",
    ]
    /// The `interaction` switches and the member each adds.
    static let interactionMembers = [
        "speakers": "speakers", "video": "video", "personInteractionStats": "interactionStats",
        "questions": "questions",
    ]

    /// `context`: None adds nothing, Basic the CRM links, Extended the links with field values.
    var context = Context.none
    /// `contextTiming` (only with Extended): which snapshots of CRM objects; `Now` by default.
    var contextTiming: Set<String> = ["Now"]
    /// `exposedFields.parties`.
    var parties = false
    /// `exposedFields.media`.
    var media = false
    /// The `exposedFields.content` switches that are on.
    var content: Set<String> = []
    /// `exposedFields.content.trackerOccurrences` (only together with `trackers`).
    var trackerOccurrences = false
    /// The `exposedFields.interaction` switches that are on.
    var interaction: Set<String> = []
    /// `exposedFields.collaboration.publicComments`.
    var publicComments = false

    /// Whether `content` is added at all.
    var anyContent: Bool { !content.isEmpty || trackerOccurrences }

    /// Reads `contentSelector` (absent: nothing but `metaData`).
    static func parse(json: Any?) throws(GongRequestError) -> GongContentSelector {
        var selector = GongContentSelector()
        guard let json, !(json is NSNull) else { return selector }
        guard let object = json as? [String: Any] else { throw .badRequest("contentSelector must be an object") }
        if let context = object["context"], !(context is NSNull) {
            guard let text = context as? String, let value = Context(rawValue: text) else {
                throw .badRequest("contentSelector.context must be one of None, Basic, Extended")
            }
            selector.context = value
        }
        if let timing = object["contextTiming"], !(timing is NSNull) {
            guard let list = timing as? [Any], list.allSatisfy({ $0 is String }) else {
                throw .badRequest("contentSelector.contextTiming must be a list of Now, TimeOfCall")
            }
            let values = Set(list.compactMap { $0 as? String })
            guard values.isSubset(of: ["Now", "TimeOfCall"]) else {
                throw .badRequest("contentSelector.contextTiming must be a list of Now, TimeOfCall")
            }
            if !values.isEmpty { selector.contextTiming = values }
        }
        guard let exposed = object["exposedFields"] as? [String: Any] else { return selector }
        func on(_ value: Any?) -> Bool { (value as? Bool) == true }
        selector.parties = on(exposed["parties"])
        selector.media = on(exposed["media"])
        if let content = exposed["content"] as? [String: Any] {
            selector.content = Set(contentMembers.filter { on(content[$0]) })
            selector.trackerOccurrences = on(content["trackerOccurrences"])
        }
        if let interaction = exposed["interaction"] as? [String: Any] {
            selector.interaction = Set(interactionMembers.keys.filter { on(interaction[$0]) })
        }
        if let collaboration = exposed["collaboration"] as? [String: Any] {
            selector.publicComments = on(collaboration["publicComments"])
        }
        return selector
    }
}
