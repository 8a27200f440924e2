import Foundation

/// Webex's wire formats that are not records: the error body and the `Link` header that pages lists.
enum WebexWire {
    /// An error body: `message`, and optionally `errors[].description` and `trackingId` (which support asks for).
    struct ErrorBody: Decodable, Sendable, Hashable {
        /// One error's description.
        struct Detail: Decodable, Sendable, Hashable {
            var description: String?
        }

        var message: String?
        var errors: [Detail]?
        var trackingId: String?

        /// What the error says: `message`, else the first description.
        var text: String? { message ?? errors?.compactMap(\.description).first }
    }

    /// The `rel="next"` target of an RFC 8288 (5988) `Link` header, to be followed verbatim; nil on the last page.
    ///
    /// Hand-written: no listed package parses `Link` headers. A header may hold several links separated by
    /// commas (`<…>; rel="prev", <…>; rel="next"`), a `rel` may list several relations separated by spaces, and
    /// parameters may be quoted or not; commas inside `<…>` belong to the URL.
    static func nextLink(in header: String?) -> String? {
        guard let header else { return nil }
        var rest = header[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return nil }
            let target = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let end = rest.firstIndex(of: ",") ?? rest.endIndex
            let parameters = rest[..<end].split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }
            rest = rest[end...]
            for parameter in parameters {
                let pair = parameter.split(separator: "=", maxSplits: 1).map {
                    String($0).trimmingCharacters(in: .whitespaces)
                }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                let relations = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
                if relations.split(separator: " ").contains("next") { return String(target) }
            }
        }
        return nil
    }
}
