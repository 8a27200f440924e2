import ArgumentParser
import Foundation
import SynclineCompiler
import SynclineCore
import SynclineRunner
import SynclineStore

/// `syncline schedule JOB|FILE.yaml [--next N] [--from ISO8601]`.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Show when a job runs next: its next run instants, one per line, with the zone's offset.",
        discussion: """
            JOB is an applied job; a path ending in .yaml (or containing '/') is a job file, compiled but not \
            applied, so a schedule can be checked before it is stored. Times are in the schedule's zone (its own \
            'timezone', else the instance's) with that zone's offset at that instant, so a daylight-saving change \
            shows: a time that falls into a spring-forward gap runs once at the first valid instant after it, and a \
            time repeated by a fall-back runs once, at its first occurrence. The zone and cron go to standard \
            error, the instants to standard output.

            --from takes an ISO-8601 instant with an offset (2027-03-13T00:00:00-07:00, or Z for UTC) or a local \
            time without one (2027-03-13T00:00), read in the schedule's zone. Default: now.

            Examples:
              syncline schedule gong-touchpoints
              syncline schedule jobs/gong-touchpoints.yaml --next 3 --from 2027-03-13T00:00
            """
    )

    @Argument(help: "The applied job's name, or a job file.")
    var job: String

    @Option(name: .long, help: ArgumentHelp("How many instants to show (1–1000).", valueName: "n"))
    var next = 5

    @Option(name: .long, help: ArgumentHelp("Show the instants after this one (ISO-8601).", valueName: "instant"))
    var from: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        guard (1...1000).contains(next) else { throw ValidationError("--next must be between 1 and 1000") }
    }

    func run() throws {
        let plan: Plan
        let instanceZone: TimeZone
        if job.hasSuffix(".yaml") || job.hasSuffix(".yml") || job.contains("/") {
            let projectFile = project.compile()
            let compilations = JobFiles.compile([job], project: projectFile?.bestEffort ?? .none)
            guard let compilation = compilations.first, compilation.isValid, projectFile?.isValid ?? true,
                let compiled = compilation.plan
            else {
                JobFiles.report(compilations, project: projectFile, format: .text)
                throw ExitCode(1)
            }
            plan = compiled
            instanceZone = projectFile?.bestEffort.instanceTimeZone ?? .current
        } else {
            guard let stored = try store.open().plan(for: job) else {
                throw ValidationError("no job '\(job)' in \(store.path); see 'syncline jobs', or pass its file")
            }
            plan = stored.plan
            instanceZone = project.loadLeniently().instanceTimeZone
        }
        let zone = Schedules.zone(of: plan, instanceZone: instanceZone)
        let start = try from.map { try Self.instant($0, in: zone) } ?? Date()
        let cron = try CronSchedule(parsing: plan.schedule.cron)
        let instants = cron.fires(after: start, in: zone, count: next)
        var header = "\(plan.job): '\(plan.schedule.cron)' in \(zone.identifier)"
        if !plan.schedule.isEnabled { header += " (disabled: the runner does not run it; 'syncline enable')" }
        FileHandle.standardError.write(Data((header + "\n").utf8))
        guard !instants.isEmpty else {
            throw ValidationError("'\(plan.schedule.cron)' never fires: no date matches its day and month fields")
        }
        for instant in instants { print(StatusReport.local(instant, in: zone)) }
    }

    /// `text` as an instant: ISO-8601 with an offset, or a local date and time read in `zone`.
    static func instant(_ text: String, in zone: TimeZone) throws -> Date {
        let absolute = ISO8601DateFormatter()
        if let date = absolute.date(from: text) { return date }
        absolute.formatOptions.insert(.withFractionalSeconds)
        if let date = absolute.date(from: text) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.calendar = Calendar(identifier: .gregorian)
        local.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            local.dateFormat = format
            if let date = local.date(from: text) { return date }
        }
        throw ValidationError(
            "--from '\(text)' is not an ISO-8601 instant: give 2027-03-13T00:00:00-07:00, 2027-03-13T07:00:00Z, or a local 2027-03-13T00:00 (read in \(zone.identifier))"
        )
    }
}
