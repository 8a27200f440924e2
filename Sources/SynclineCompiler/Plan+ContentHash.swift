import Crypto
package import Foundation
package import SynclineCore

extension Plan {
    /// The plan as canonical JSON: sorted keys, no extra white space. What the store keeps and hashes.
    package var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            fatalError("a Plan always encodes: \(error)")  // our own bug: every member is a plain Codable value
        }
    }

    /// SHA-256 of `canonicalJSON`, lower-case hex: equal for equal plans, whatever the YAML's layout.
    package var contentHash: String { Self.hex(SHA256.hash(data: canonicalJSON)) }

    /// The plan with its canonical JSON and content hash, as the store takes it.
    package func compiled() -> CompiledPlan {
        let json = canonicalJSON
        return CompiledPlan(plan: self, canonicalJSON: json, contentHash: Self.hex(SHA256.hash(data: json)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
