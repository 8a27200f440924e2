import Foundation
import SynclineTestSupport

/// Saved Gong pages in a folder, for the `gong-export-touchpoints` job: syncs long enough to stop half-way.
enum GongExport {
    /// Writes `pages` Gong pages of 100 calls each, all resolvable and inside the 7-day window.
    static func write(to directory: TemporaryDirectory, pages: Int) throws -> Set<String> {
        var ids: Set<String> = []
        let now = Date().timeIntervalSince1970
        for page in 0..<pages {
            var calls: [String] = []
            for index in 0..<100 {
                let id = String(9_000_000_000_000_000_000 as UInt64 + UInt64(page * 100 + index))
                ids.insert(id)
                let started = Date(timeIntervalSince1970: now - 86_400 + Double(page * 100 + index))
                let stamp = started.formatted(Date.ISO8601FormatStyle())
                calls.append(
                    #"{"metaData":{"id":"\#(id)","title":"Call \#(id)","started":"\#(stamp)","duration":600,"primaryUserId":"U1","url":"https://app.gong.io/call?id=\#(id)"},"parties":[{"emailAddress":"p\#(index)@acme.example","name":"P","affiliation":"External"}],"content":{"brief":"A brief."}}"#
                )
            }
            let name = String(format: "export/page_%06d.json", page + 1)
            try directory.write(
                #"{"requestId":"r","records":{"totalRecords":0,"currentPageSize":100,"currentPageNumber":\#(page)},"calls":[\#(calls.joined(separator: ","))]}"#,
                to: name)
        }
        return ids
    }
}
