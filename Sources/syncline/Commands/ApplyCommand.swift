import ArgumentParser
import Foundation
import SynclineCompiler
import SynclineCore
import SynclineEngine
import SynclineRunner
import SynclineStore

/// `syncline apply FILE...`: compiles job files and stores their plans.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Compile job files and store them as versioned plans.",
        discussion: """
            All files are checked first; if any is invalid nothing is stored and the problems are printed as by \
            'validate'. Applying an unchanged job is a no-op; a changed job gets the next version (so does a job \
            whose connection or defaults changed in syncline.yaml). Templates are \
            checked and skipped: they apply through the jobs that extend them. Each job's next run is computed and \
            stored (a changed schedule is scheduled again from now); 'syncline status' shows it.

            A new or changed job with 'sync_on_save: true' is synced at once, in the order given (a disabled job \
            never is): handed to a running 'syncline runner' when there is one, else synced by apply itself. \
            --no-sync skips that. A failed sync never undoes the apply.

            Example:
              syncline apply jobs/*.yaml --db staging.db
              sqlite3 staging.db 'SELECT job, version, content_hash FROM plans'
            """
    )

    @Argument(help: ArgumentHelp("Job files (YAML).", valueName: "file"))
    var files: [String]

    @Flag(help: "Store the plans only: no sync on save, even for jobs with 'sync_on_save: true'.")
    var noSync = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one job file") }
    }

    func run() async throws {
        let projectFile = project.compile()
        let applied =
            FileManager.default.fileExists(atPath: store.path)
            ? Set(try StagingStore(readingFrom: store.path).jobs().map(\.name)) : []
        let compilations = JobFiles.compile(files, project: projectFile?.bestEffort ?? .none, applied: applied)
        guard compilations.allSatisfy(\.isValid), projectFile?.isValid ?? true else {
            JobFiles.report(compilations, project: projectFile, format: .text)
            print("nothing applied")
            throw ExitCode(1)
        }
        JobFiles.printWarnings(compilations)
        let database = try store.open()
        let now = Date()
        var syncNow: [String] = []
        for compilation in compilations {
            guard !compilation.isTemplate else {
                print("\(compilation.file): template, checked (it applies through the jobs that extend it)")
                continue
            }
            guard let compiled = compilation.compiled else { continue }
            let plan = compiled.plan
            let hash = compiled.contentHash
            let outcome = try database.apply(compiled, sourceFile: compilation.file, now: now)
            let state = plan.schedule.isEnabled ? "" : " (disabled: never scheduled)"
            switch outcome {
            case .created(let version):
                print("\(plan.job): created version \(version), plan \(hash.prefix(12))\(state)")
            case .updated(let version):
                print("\(plan.job): updated to version \(version), plan \(hash.prefix(12))\(state)")
            case .unchanged(let version):
                print("\(plan.job): unchanged at version \(version)\(state)")
            }
            try Schedules.storeNextRun(of: plan, in: database, zone: projectFile?.project?.instanceTimeZone, now: now)
            if plan.schedule.syncsOnSave, plan.schedule.isEnabled, outcome != .unchanged(version: outcome.version),
                !noSync
            {
                syncNow.append(plan.job)
            }
        }
        guard !syncNow.isEmpty else { return }
        // A running runner takes them at once (it polls every few seconds); without one, sync them here.
        if let runner = try database.liveRunners(now: now, timeout: RunnerDefaults.runnerTimeout).first {
            for job in syncNow {
                try database.requestSync(of: job, now: now)
                print("sync on save: \(job) handed to the runner (process \(runner.pid) on \(runner.host))")
            }
            return
        }
        let engine = EngineWiring.engine(store: database, logger: CommandLineLogging.bootstrap(verbose: false))
        var failed = false
        for job in syncNow {
            do {
                print("sync on save: " + RunSummary.line(try await engine.sync(job: job, trigger: .apply)))
            } catch {
                failed = true
                FileHandle.standardError.write(Data("\(job): sync on save failed: \(error)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
