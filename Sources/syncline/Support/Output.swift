import Foundation

/// Lines written to standard output at once, unbuffered: for long-running commands (the demo with its runner,
/// the runner) whose output a pipe or a file must see as it happens, not when the process ends.
enum Output {
    /// Writes `text` and a newline.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
