package import SynclineCore

#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

/// Convenience entry points that parse a whole buffer with one call.
package enum JSONPull {
    /// Parses one JSON document from `bytes` (`Data`, `[UInt8]`, …), keeping only what `selection` selects.
    package static func parse(
        _ bytes: some ContiguousBytes,
        selection: Selection = .all,
        maxDepth: Int = 512
    ) throws(JSONPullError) -> Value {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONPullError) -> Value in
                var reader = JSONPullReader(buffer, maxDepth: maxDepth)
                return try reader.read(selection)
            }
        }
        return try result.get()
    }

    /// Parses one JSON document from the UTF-8 of `text`, keeping only what `selection` selects.
    package static func parse(
        _ text: String,
        selection: Selection = .all,
        maxDepth: Int = 512
    ) throws(JSONPullError) -> Value {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONPullError) -> Value in
                var reader = JSONPullReader(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth)
                return try reader.read(selection)
            }
        }
        return try result.get()
    }
}
