import Foundation
import Synchronization
import SynclineEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows a sync's progress: a bar redrawn in place on a terminal, a plain line every few seconds otherwise.
final class ProgressPrinter: Sendable {
    private struct State {
        var lastPrint = Date.distantPast
        var shown = false
    }

    private let job: String
    private let isTerminal: Bool
    private let started = Date()
    private let state: Mutex<State>

    /// A printer for `job`'s sync; `isTerminal` defaults to whether standard output is a terminal.
    init(job: String, isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        self.job = job
        self.isTerminal = isTerminal
        // Plain output stays quiet for short runs: the first line comes after one interval.
        state = Mutex(State(lastPrint: isTerminal ? .distantPast : Date()))
    }

    /// Reports progress (called after each committed batch).
    func report(_ progress: SyncProgress) {
        state.withLock { state in
            let now = Date()
            let interval: TimeInterval = isTerminal ? 0.1 : 5
            guard now.timeIntervalSince(state.lastPrint) >= interval else { return }
            state.lastPrint = now
            state.shown = true
            let line = "\(job): \(Self.describe(progress)) [\(Self.seconds(now.timeIntervalSince(started)))]"
            if isTerminal {
                FileHandle.standardOutput.write(Data(("\r\u{1B}[2K" + line).utf8))
            } else {
                print(line)
            }
        }
    }

    /// Clears the bar before the final line.
    func finish() {
        state.withLock { state in
            if isTerminal && state.shown { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }

    static func describe(_ progress: SyncProgress) -> String {
        "\(progress.pages) pages, \(progress.fetched) records, \(progress.created) created, \(progress.updated) updated, "
            + "\(progress.skippedExisting) already existed, \(progress.rejected) rejected"
    }

    static func seconds(_ interval: TimeInterval) -> String {
        String(format: "%.1f s", interval)
    }
}
