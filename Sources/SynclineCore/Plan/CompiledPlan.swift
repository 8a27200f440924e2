package import Foundation

/// A compiled plan as it travels to the store: the plan, its canonical JSON and that JSON's SHA-256.
///
/// Made by the compiler, which owns the canonical encoding; the store keeps the JSON and compares hashes to tell
/// an unchanged job (a no-op) from a changed one (the next version).
package struct CompiledPlan: Sendable, Hashable {
    /// The plan.
    package var plan: Plan
    /// The plan as canonical JSON (sorted keys, no extra white space).
    package var canonicalJSON: Data
    /// SHA-256 of `canonicalJSON`, lower-case hex.
    package var contentHash: String

    /// Wraps a plan with its encoding; use the compiler's `Plan.compiled()` rather than calling this directly.
    package init(plan: Plan, canonicalJSON: Data, contentHash: String) {
        self.plan = plan
        self.canonicalJSON = canonicalJSON
        self.contentHash = contentHash
    }
}
