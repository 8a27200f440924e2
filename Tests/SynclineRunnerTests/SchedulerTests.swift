import Foundation
import SynclineCore
import SynclineRunner
import SynclineStore
import SynclineTestSupport
import Testing

@Suite("The runner's scheduler, on a clock that jumps")
struct SchedulerTests {
    @Test("a job with the default schedule runs every day at 23:00 in the instance's zone, once a day")
    func dailyDefault() async throws {
        let harness = try SchedulerHarness(jobs: ["accounts": SchedulerHarness.job()])
        let scheduler = harness.scheduler()
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(3 * 86_400))
        #expect(
            try harness.runs() == [
                "accounts succeeded schedule #1 2027-03-10T23:00:00-07:00",
                "accounts succeeded schedule #1 2027-03-11T23:00:00-07:00",
                "accounts succeeded schedule #1 2027-03-12T23:00:00-07:00",
            ])
        #expect(
            try harness.scheduled("accounts")?.nextRunAt.map { StatusReport.local($0, in: harness.zone) }
                == "2027-03-13T23:00:00-07:00")
    }

    @Test("a slot missed while no runner ran is run once at start, as a catch-up, not once per slot")
    func catchUp() async throws {
        let harness = try SchedulerHarness(jobs: ["accounts": SchedulerHarness.job()])
        // The runner was down for three days: its stored next run is three slots old.
        try harness.store.setNextRun(of: "accounts", at: SchedulerHarness.start.addingTimeInterval(-3 * 86_400))
        let scheduler = harness.scheduler()
        try await scheduler.round()
        #expect(try harness.runs() == ["accounts succeeded catch-up #1 2027-03-10T05:00:00-07:00"])
        #expect(
            try harness.scheduled("accounts")?.nextRunAt.map { StatusReport.local($0, in: harness.zone) }
                == "2027-03-10T23:00:00-07:00")
        try await scheduler.round()
        #expect(try harness.runs().count == 1)
    }

    @Test("jobs due together run in depends_on order, and a job whose dependency failed is skipped with why")
    func dependencies() async throws {
        let harness = try SchedulerHarness(jobs: [
            "accounts": SchedulerHarness.job(),
            "contacts": SchedulerHarness.job("depends_on: [accounts]"),
            "users": SchedulerHarness.job(),
            "calls": SchedulerHarness.job("depends_on: [contacts, users]"),
        ])
        let scheduler = harness.scheduler()
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(20 * 3600))
        let first = try harness.runs().map { String($0.split(separator: " ")[0]) }
        #expect(
            first == ["accounts", "contacts", "users", "calls"] || first == ["accounts", "users", "contacts", "calls"])
        // The next evening contacts fails: calls, which depends on it, is skipped; users still runs.
        harness.sources["contacts"]?.fail(atPage: 0)
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(44 * 3600))
        let second = try harness.store.runs(of: "calls", limit: 1).first
        #expect(second?.status == .skipped)
        #expect(second?.error?.contains("job 'contacts', which it depends on, did not succeed") == true)
        #expect(try harness.store.runs(of: "users", limit: 1).first?.status == .succeeded)
    }

    @Test("a failed run is retried after 1, 4 and 16 minutes, then left failed until its next time")
    func retries() async throws {
        let harness = try SchedulerHarness(jobs: ["accounts": SchedulerHarness.job()])
        harness.sources["accounts"]?.fail(atPage: 0)
        let scheduler = harness.scheduler()
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(20 * 3600))
        #expect(
            try harness.runs() == [
                "accounts failed schedule #1 2027-03-10T23:00:00-07:00",
                "accounts failed retry #2 2027-03-10T23:01:00-07:00",
                "accounts failed retry #3 2027-03-10T23:05:00-07:00",
                "accounts failed retry #4 2027-03-10T23:21:00-07:00",
            ])
        #expect(try harness.scheduled("accounts")?.retry == nil)
        let last = try harness.store.runs(of: "accounts", limit: 1).first
        #expect(last?.error?.contains("page 1 is not valid JSON") == true)
        // The source recovers; the next scheduled run succeeds.
        harness.sources["accounts"]?.fail(atPage: nil)
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(44 * 3600))
        #expect(try harness.runs().last == "accounts succeeded schedule #1 2027-03-11T23:00:00-07:00")
    }

    @Test("a run stopped by the day's request budget resumes after the next UTC midnight, not at its next cron")
    func quota() async throws {
        let harness = try SchedulerHarness(jobs: ["calls": SchedulerHarness.job("schedule: {cron: \"0 8 * * *\"}")])
        harness.sources["calls"]?.exhaust(afterPage: 0)
        let scheduler = harness.scheduler()
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(4 * 3600))
        #expect(try harness.runs() == ["calls quota schedule #1 2027-03-10T08:00:00-07:00"])
        let retry = try #require(try harness.scheduled("calls")?.retry)
        #expect(Instant.preciseText(retry.at) == "2027-03-11T00:01:00.000Z")
        #expect(retry.reason == .quota)
        harness.sources["calls"]?.exhaust(afterPage: nil)
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(14 * 3600))
        #expect(try harness.runs().last == "calls succeeded quota-resume #1 2027-03-10T17:01:00-07:00")
    }

    @Test("a disabled job is kept and never scheduled; enabling it schedules it again; a request runs at once")
    func enableDisableRequest() async throws {
        let harness = try SchedulerHarness(jobs: [
            "accounts": SchedulerHarness.job(), "off": SchedulerHarness.job("schedule: {enabled: false}"),
        ])
        let scheduler = harness.scheduler()
        #expect(try harness.store.setEnabled("accounts", false, now: harness.clock.now()))
        try await harness.run(scheduler, until: SchedulerHarness.start.addingTimeInterval(2 * 86_400))
        #expect(try harness.runs().isEmpty)
        #expect(try harness.scheduled("off")?.nextRunAt == nil)
        #expect(try harness.store.setEnabled("accounts", true, now: harness.clock.now()))
        try harness.store.requestSync(of: "accounts", now: harness.clock.now())
        try await scheduler.round()
        #expect(try harness.runs() == ["accounts succeeded request #1 2027-03-12T05:00:00-07:00"])
        #expect(try harness.scheduled("accounts")?.syncRequestedAt == nil)
        #expect(try harness.scheduled("accounts")?.nextRunAt != nil)
    }

    @Test("a cancelled round stops with the run recorded cancelled and the slot kept for the next runner")
    func cancelled() async throws {
        let harness = try SchedulerHarness(jobs: ["accounts": SchedulerHarness.job()])
        let scheduler = harness.scheduler()
        try await scheduler.round()
        try harness.store.setNextRun(of: "accounts", at: harness.clock.now())
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await scheduler.round()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try harness.runs().isEmpty)  // cancelled before it started: nothing ran, nothing recorded
        #expect(try harness.scheduled("accounts")?.nextRunAt == harness.clock.now())
    }
}
