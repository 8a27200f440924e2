package import Foundation

/// A change of a zone's UTC offset (usually DST) at which some of a schedule's wall-clock slots do not exist (a gap)
/// or happen twice (an overlap), and when the schedule fires for them instead.
package struct DaylightSavingShift: Sendable, Hashable {
    /// Whether the clocks go forward over the slots or back across them.
    package enum Kind: Sendable, Hashable {
        /// Clocks go forward: the slots' wall times do not exist that day.
        case gap
        /// Clocks go back: the slots' wall times happen twice that day.
        case overlap
    }

    /// Gap or overlap.
    package var kind: Kind
    /// The instant the offset changes.
    package var transition: Date
    /// The local wall times of the schedule's slots that are skipped or repeated, `HH:mm`, in order.
    package var skippedOrRepeated: [String]
    /// When the schedule fires for those slots: for a gap the transition instant (once, for all of them); for an
    /// overlap the first occurrence of the earliest slot (each slot fires once, at its first occurrence).
    package var firesAt: Date
    /// The local date of the slots in the zone, `yyyy-MM-dd`.
    package var localDate: String
    /// One sentence for people, for example "on 2027-03-14 02:30 does not exist in America/Los_Angeles (clocks go
    /// from 02:00 to 03:00); the job runs once at 03:00 (-07:00)".
    package var summary: String

    /// Creates a shift from its parts.
    package init(
        kind: Kind, transition: Date, skippedOrRepeated: [String], firesAt: Date, localDate: String, summary: String
    ) {
        self.kind = kind
        self.transition = transition
        self.skippedOrRepeated = skippedOrRepeated
        self.firesAt = firesAt
        self.localDate = localDate
        self.summary = summary
    }
}

extension CronSchedule {
    /// The offset changes of `zone` in [`from`, `through`] at which this schedule's wall-clock slots fall into a gap
    /// or an overlap, in order; changes that no slot falls into are left out.
    package func daylightSavingShifts(in zone: TimeZone, from: Date, through: Date) -> [DaylightSavingShift] {
        guard let start = ZoneOffsets.seconds(from), let end = ZoneOffsets.seconds(through), start <= end else {
            return []
        }
        let matcher = CronMatcher(self)
        let offsets = ZoneOffsets(zone)
        var shifts: [DaylightSavingShift] = []
        for change in offsets.transitions(from: start, through: end) where change.before != change.after {
            // Gap: wall times [instant + before, instant + after) are skipped; overlap: [instant + after,
            // instant + before) happen twice.
            let low = change.instant + min(change.before, change.after)
            let high = change.instant + max(change.before, change.after)
            var slots: [Int] = []
            var wall = low - 1
            while let next = matcher.firstSlot(after: wall, throughDay: CivilDate.floorDivide(high, 86_400)),
                next < high
            {
                slots.append(next)
                wall = next
            }
            guard let first = slots.first else { continue }
            shifts.append(
                Self.shift(
                    zone: zone, instant: change.instant, before: change.before, after: change.after, slots: slots,
                    first: first))
        }
        return shifts
    }

    private static func shift(
        zone: TimeZone, instant: Int, before: Int, after: Int, slots: [Int], first: Int
    ) -> DaylightSavingShift {
        let times = slots.map { CivilDate.clockText(wall: $0) }
        let list =
            times.count == 1 ? times[0] : times.dropLast().joined(separator: ", ") + " and " + times[times.count - 1]
        let localDate = CivilDate.dateText(wall: first)
        let from = CivilDate.clockText(wall: instant + before)
        let to = CivilDate.clockText(wall: instant + after)
        let name = zone.identifier
        if after > before {
            let verb = times.count == 1 ? "does" : "do"
            return DaylightSavingShift(
                kind: .gap, transition: ZoneOffsets.date(instant), skippedOrRepeated: times,
                firesAt: ZoneOffsets.date(instant), localDate: localDate,
                summary: "on \(localDate) \(list) \(verb) not exist in \(name) (clocks go from \(from) to \(to)); "
                    + "the job runs once at \(to) (\(CivilDate.offsetText(after)))")
        }
        let verb = times.count == 1 ? "happens" : "happen"
        let runs =
            times.count == 1
            ? "the job runs once, at the first \(times[0])" : "the job runs once for each, at its first occurrence"
        return DaylightSavingShift(
            kind: .overlap, transition: ZoneOffsets.date(instant), skippedOrRepeated: times,
            firesAt: ZoneOffsets.date(first - before), localDate: localDate,
            summary: "on \(localDate) \(list) \(verb) twice in \(name) (clocks go back from \(from) to \(to)); "
                + "\(runs) (\(CivilDate.offsetText(before)))")
    }
}
