import Foundation
import SynclineCore

extension StoredPlan {
    /// The plan for people: one section per part, attributes aligned with their flags; `instanceZone` says which
    /// zone a schedule without its own runs in.
    package func rendered(instanceZone: String) -> String {
        var lines: [String] = []
        lines.append("job \(plan.job), version \(version) (plan \(contentHash.prefix(12)), from \(sourceFile))")
        if let summary = plan.summary { lines.append("  \(summary)") }
        if !plan.extends.isEmpty { lines.append("extends: \(plan.extends.joined(separator: " -> "))") }
        if let connection = plan.connection {
            lines.append(
                "connection: \(connection.name) (\(connection.connector)) \(connection.baseURL ?? "default URL")")
            for (name, reference) in connection.secrets.sorted(by: { $0.key < $1.key }) {
                lines.append("  secret \(name): \(reference)")
            }
            if let budget = connection.dailyRequestBudget { lines.append("  daily request budget: \(budget)") }
        }
        let options = plan.source.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append(
            "source: \(plan.source.connector).\(plan.source.object)"
                + (options.isEmpty ? "" : " " + options.joined(separator: " "))
        )
        lines.append("  fields: " + plan.source.fields.map(\.path.description).joined(separator: ", "))
        lines.append(
            "target: \(plan.target.object), \(plan.target.mode.rawValue), key \(plan.target.key)"
                + (plan.target.allowsNewObjects ? ", creates new rows" : ", never creates rows")
        )
        lines.append("attributes:")
        let width = plan.attributes.map(\.name.count).max() ?? 0
        for attribute in plan.attributes {
            var flags: [String] = []
            if attribute.isRequired { flags.append("required") }
            if let owner = attribute.lockedBy { flags.append("locked by \(owner)") }
            if attribute.isDefault { flags.append("default") }
            let name = attribute.name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append(
                "  \(name)  \(attribute.expression)" + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]"))
        }
        let cursor = plan.sync.cursor?.description ?? "none (reads everything each run)"
        lines.append(
            "sync: cursor \(cursor), first run reads \(DurationText.format(plan.sync.initialBackfill)), lookback \(DurationText.format(plan.sync.lookback))"
        )
        let schedule = plan.schedule
        lines.append(
            "schedule: \(schedule.cron) in \(schedule.timezone ?? instanceZone)"
                + (schedule.isEnabled ? "" : ", disabled (never scheduled)")
                + (schedule.syncsOnSave ? ", syncs on apply" : "")
        )
        return lines.joined(separator: "\n")
    }
}
