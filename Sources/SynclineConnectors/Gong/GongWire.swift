import Foundation

/// The body of `POST /v2/calls/extensive`, as Gong documents it (`../shared/reference/gong-api.md` §4.3).
///
/// Encoded with sorted keys; optional members are left out when nil, as Gong expects.
struct GongCallsRequest: Encodable, Sendable, Hashable {
    /// Which calls: the window (`fromDateTime` inclusive, `toDateTime` exclusive, on the call's start) or ids.
    var filter: Filter
    /// The cursor of the previous page; absent on the first request.
    var cursor: String?
    /// Which blocks of each call to return.
    var contentSelector: ContentSelector

    struct Filter: Encodable, Sendable, Hashable {
        var fromDateTime: String?
        var toDateTime: String?
        /// Only these calls (without dates: these calls whenever they started).
        var callIds: [String]?
    }

    struct ContentSelector: Encodable, Sendable, Hashable {
        /// `Extended` for CRM links with field values; absent for none.
        var context: String?
        /// `Now`, `TimeOfCall`; only with `context`.
        var contextTiming: [String]?
        var exposedFields: ExposedFields
    }

    struct ExposedFields: Encodable, Sendable, Hashable {
        var parties: Bool
        var media: Bool
        var content: Content
        var interaction: Interaction
        var collaboration: Collaboration
    }

    struct Content: Encodable, Sendable, Hashable {
        var structure = false
        var topics = false
        var trackers = false
        /// Works only together with `trackers`; never asked for (the catalogue's trackers carry occurrences).
        var trackerOccurrences = false
        /// Holds the action items (there is no `actionItems` switch).
        var pointsOfInterest = false
        var brief = false
        var outline = false
        var highlights = false
        var callOutcome = false
        var keyPoints = false
    }

    struct Interaction: Encodable, Sendable, Hashable {
        var speakers: Bool
        var video: Bool
        var personInteractionStats: Bool
        var questions: Bool
    }

    struct Collaboration: Encodable, Sendable, Hashable {
        var publicComments: Bool
    }
}

/// Gong's error body, the same for every status (`../shared/reference/gong-api.md` §5):
/// `{"requestId": "…", "errors": ["…", …]}`.
struct GongErrorBody: Decodable, Sendable, Hashable {
    var requestId: String?
    var errors: [String]?

    private enum CodingKeys: String, CodingKey { case requestId, errors }

    /// Each member read on its own, so a body with a malformed `errors` still gives its `requestId`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestId = try? container.decodeIfPresent(String.self, forKey: .requestId)
        errors = try? container.decodeIfPresent([String].self, forKey: .errors)
    }

    /// The body of a failed response, when it is a JSON object (Gong's error body, or something like it).
    init?(_ body: Data) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: body) else { return nil }
        self = decoded
    }

    /// Whether it is the documented 404 of the calls endpoints for an empty window ("No calls found …").
    var isNoCalls: Bool { errors?.contains { $0.lowercased().hasPrefix("no calls found") } ?? false }
}
