import SynclineCore
import SynclineSpec

extension CompileSession {
    /// The target part of a job, checked against the target's descriptor.
    struct CompiledTarget {
        var descriptor: TargetDescriptor
        var plan: Plan.Target
    }

    /// Finds the target object and checks the mode, key and `allow_new_objects`; nil when it cannot be found.
    mutating func compileTarget() -> CompiledTarget? {
        guard let targetSpec = chain.lazy.compactMap(\.target).first else {
            if isChainBroken { return nil }
            error(.missingKey, "missing key 'target' (in the job or a template it extends)", at: spec.root)
            return nil
        }
        guard let objectName = targetSpec.object, let descriptor = catalog.target(TargetID(objectName.value)),
            let modeText = targetSpec.mode, let mode = WriteMode(rawValue: modeText.value)
        else { return nil }
        if !descriptor.modes.contains(mode) {
            error(
                .writeMode,
                "\(descriptor.id) rows are written \(descriptor.modes.map { "'\($0.rawValue)'" }.joined(separator: " or ")), not '\(mode.rawValue)'",
                at: modeText.location
            )
        }
        if let key = targetSpec.key, key.value != descriptor.key {
            error(
                .invalidValue,
                "the key of \(descriptor.id) is '\(descriptor.key)', not '\(key.value)'"
                    + (descriptor.attribute(key.value) == nil
                        ? Suggestion.hint(for: key.value, among: [descriptor.key]) : ""),
                at: key.location
            )
        }
        let allowsNewObjects = targetSpec.allowsNewObjects?.value ?? (mode == .upsert)
        if mode == .createOnly && !allowsNewObjects {
            error(
                .writeMode,
                "a create_only job only creates rows: set 'allow_new_objects: true'",
                at: targetSpec.allowsNewObjects?.location ?? targetSpec.location
            )
        }
        return CompiledTarget(
            descriptor: descriptor,
            plan: Plan.Target(
                object: descriptor.id, mode: mode, key: descriptor.key, allowsNewObjects: allowsNewObjects)
        )
    }
}
