/// Which calls a `GongSandboxFault.lateCalls` fault hides.
package enum GongLateCalls: Sendable, Equatable {
    /// The calls with these ids.
    case ids([String])
    /// About this fraction (0...1) of all calls, chosen by a hash of the id, so the same calls every time.
    case fraction(Double)
}
