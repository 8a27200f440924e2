import SynclineCore
import SynclineSpec

extension CompileSession {
    /// Checks `version:` in the job and its templates, `job:` against the file's stem, and the name's form.
    mutating func checkHeader() {
        for template in templates where template.version?.value != 1 {
            if let version = template.version {
                error(
                    .unsupportedVersion, "unsupported version \(version.value); this syncline reads version 1",
                    at: version.location)
            }
        }
        if let version = spec.version, version.value != 1 {
            error(
                .unsupportedVersion, "unsupported version \(version.value); this syncline reads version 1",
                at: version.location)
        }
        if let declared = spec.declaredName, declared.value != spec.name {
            error(
                .nameMismatch,
                "job '\(declared.value)' is in a file named '\(spec.name).yaml'; a job's name is its file's stem",
                at: declared.location
            )
        }
        if !Self.isSlug(spec.name) {
            error(
                .invalidValue,
                "job name '\(spec.name)' (the file's stem) is not a slug: use lower-case letters, digits and single hyphens",
                at: spec.root
            )
        }
    }

    /// Whether `name` is lower-case letters and digits in parts joined by single hyphens.
    static func isSlug(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return !name.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
    }
}
