package import Foundation
package import SynclineCore
package import SynclineSpec

/// The result of compiling the project file.
package struct ProjectCompilation: Sendable {
    /// The file as the user named it.
    package var file: String
    /// The project, when the file has no errors.
    package var project: Project? { isValid ? bestEffort : nil }
    /// What of the project compiled (the valid connections and defaults), so that jobs checked against an invalid
    /// project file report their own problems rather than its.
    package var bestEffort: Project
    /// Every problem found, sorted for display.
    package var diagnostics: [Diagnostic]

    /// Whether the file compiled without errors.
    package var isValid: Bool { !diagnostics.containsErrors }
}

/// Compiles the project file (`syncline.yaml`): the instance's time zone, connections and defaults, checked
/// with the same located diagnostics as job files.
package struct ProjectCompiler: Sendable {
    /// The file's name in every project.
    package static let fileName = "syncline.yaml"

    /// What connectors and targets exist.
    package var catalog: Catalog
    /// How files are read (budgets).
    package var reader: SpecReader

    /// Creates a compiler for `catalog`.
    package init(catalog: Catalog, reader: SpecReader = SpecReader()) {
        self.catalog = catalog
        self.reader = reader
    }

    /// Compiles the project file at `url`; `displayName` is how diagnostics name it.
    package func compile(fileAt url: URL, displayName: String) -> ProjectCompilation {
        let (spec, readProblems) = ProjectSpec.read(contentsOf: url, displayName: displayName, reader: reader)
        guard let spec else {
            return ProjectCompilation(
                file: displayName, bestEffort: Project(file: displayName, timezone: nil),
                diagnostics: readProblems.sortedForDisplay())
        }
        var session = ProjectSession(catalog: catalog, diagnostics: readProblems)
        let project = session.compile(spec)
        let diagnostics = session.diagnostics.sortedForDisplay()
        return ProjectCompilation(file: displayName, bestEffort: project, diagnostics: diagnostics)
    }

    /// The project file in force: `explicit` (`--project`), else `SYNCLINE_PROJECT`, else `syncline.yaml` in
    /// `directory` or the nearest of its parents that has one; nil when there is none.
    ///
    /// Returns the file and how to name it in messages (as given, or relative to `directory` when found).
    package static func locate(
        explicit: String?, environment: [String: String], directory: URL
    ) -> (url: URL, displayName: String)? {
        if let explicit, !explicit.isEmpty { return (URL(fileURLWithPath: explicit), explicit) }
        if let named = environment["SYNCLINE_PROJECT"], !named.isEmpty { return (URL(fileURLWithPath: named), named) }
        var folder = directory.standardizedFileURL
        var ups = 0
        while true {
            let candidate = folder.appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate.path) {
                return (candidate, String(repeating: "../", count: ups) + fileName)
            }
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else { return nil }
            folder = parent
            ups += 1
        }
    }
}

/// One compilation of a project file.
struct ProjectSession: DiagnosticCollector {
    let catalog: Catalog
    var diagnostics: [Diagnostic]

    mutating func compile(_ spec: ProjectSpec) -> Project {
        if let version = spec.version, version.value != 1 {
            error(
                .unsupportedVersion, "unsupported version \(version.value); this syncline reads version 1",
                at: version.location)
        }
        if let timezone = spec.timezone, TimeZone(identifier: timezone.value) == nil {
            error(
                .badTimezone,
                "unknown time zone '\(timezone.value)'; use an IANA name such as 'Europe/Paris'"
                    + Suggestion.hint(for: timezone.value, among: TimeZone.knownTimeZoneIdentifiers),
                at: timezone.location
            )
        }
        var connections: [String: Plan.Connection] = [:]
        for (name, connectionSpec) in spec.connections {
            if !CompileSession.isSlug(name.value) {
                error(
                    .invalidValue,
                    "connection name '\(name.value)' is not a slug: use lower-case letters, digits and single hyphens",
                    at: name.location)
            }
            if let connection = compile(connectionSpec, named: name.value, catalog: catalog, requiresSecrets: true) {
                connections[name.value] = connection
            }
        }
        var defaults: [TargetID: [String: String]] = [:]
        for (target, attribute, value) in spec.defaults {
            // The shape has already reported unknown targets and attributes.
            guard let descriptor = catalog.target(TargetID(target.value)),
                descriptor.attribute(attribute.value)?.acceptsDefault == true
            else { continue }
            defaults[descriptor.id, default: [:]][attribute.value] = value.value
        }
        return Project(
            file: spec.file, timezone: spec.timezone?.value, connections: connections, defaults: defaults)
    }
}
