import Foundation
import SynclineCore
import SynclineSpec

/// One compilation of a job file: the job, its templates (nearest first), the project, and the diagnostics
/// found so far.
///
/// The stages live in their own files: header (`+Header`), source (`+Source`), target (`+Target`), connection
/// (`+Connection`), attributes and defaults (`+Attributes`), expressions (`+Expressions`), sync and schedule
/// (`+Schedule`). `run()` calls them in order and assembles the plan.
struct CompileSession: DiagnosticCollector {
    let catalog: Catalog
    let project: Project
    let spec: JobSpec
    let templates: [JobSpec]
    /// When the compilation happens: daylight-saving warnings look at the year after it.
    let now: Date
    var diagnostics: [Diagnostic] = []
    /// Whether following `extends:` failed; then parts the missing template would give are not reported missing.
    var isChainBroken = false

    /// Default schedule: every day at 23:00 in the instance's time zone.
    static let defaultCron = "0 23 * * *"
    /// Default first-run window.
    static let defaultBackfill: Duration = .seconds(7 * 86_400)

    init(catalog: Catalog, project: Project, spec: JobSpec, templates: [JobSpec], now: Date) {
        self.catalog = catalog
        self.now = now
        self.project = project
        self.spec = spec
        self.templates = templates
    }

    /// The job, then its templates: nearest first.
    var chain: [JobSpec] { [spec] + templates }

    /// The nearest file's `depends_on`, each name checked (a slug, not the job itself, not twice); which names
    /// exist and whether they form a cycle is checked across files (`DependencyCheck`).
    mutating func compileDependencies() -> [Located<String>] {
        guard let file = chain.first(where: { !$0.dependsOn.isEmpty }) else { return [] }
        var seen: Set<String> = []
        var names: [Located<String>] = []
        for name in file.dependsOn {
            if !Self.isSlug(name.value) {
                error(
                    .invalidValue, "'\(name.value)' is not a job name (lower-case letters, digits, hyphens)",
                    at: name.location)
            } else if name.value == spec.name && file.file == spec.file {
                error(.dependencyCycle, "job '\(spec.name)' depends on itself", at: name.location)
            } else if !seen.insert(name.value).inserted {
                error(.invalidValue, "'\(name.value)' is listed twice under depends_on", at: name.location)
            } else {
                names.append(name)
            }
        }
        return names
    }

    /// Checks everything and builds the plan; nil when a part needed to build it is missing or invalid.
    mutating func run() -> Plan? {
        checkHeader()
        let source = compileSource()
        let target = compileTarget()
        let connection = compileConnection(source: source)
        var attributes: [Plan.Attribute] = []
        if let source, let target {
            attributes = compileAttributes(record: source.record, target: target.descriptor)
        }
        let sync = compileSync(source: source)
        let schedule = compileSchedule()
        let dependsOn = compileDependencies()
        guard let source, let target, let sync else { return nil }
        var idField = source.object.idField
        if idField == nil, let key = attributes.first(where: { $0.name == target.plan.key }),
            case .path(let path, _, _) = key.expression
        {
            idField = path
        }
        let usedPaths =
            attributes.flatMap(\.expression.paths) + (sync.cursor.map { [$0] } ?? []) + (idField.map { [$0] } ?? [])
        var fields: [FieldPath: String] = [:]
        for path in source.declared + usedPaths {
            if case .success(let type) = source.record.resolve(path) { fields[path] = type.displayName }
        }
        return Plan(
            job: spec.name,
            summary: spec.summary ?? templates.lazy.compactMap(\.summary).first,
            extends: templates.map(\.name),
            connection: connection,
            source: Plan.Source(
                connector: source.connector.id, object: source.object.name, options: source.options,
                fields: fields.keys.sorted().map { Plan.Source.Field(path: $0, type: fields[$0] ?? "any") },
                idField: idField, increments: source.object.increments
            ),
            target: target.plan,
            attributes: attributes,
            sync: sync,
            schedule: schedule,
            dependsOn: dependsOn.map(\.value)
        )
    }
}
