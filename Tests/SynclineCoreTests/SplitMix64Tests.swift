import SynclineCore
import Testing

@Suite("The seeded random generator")
struct SplitMix64Tests {
    @Test("seed 0 gives the reference SplitMix64 sequence")
    func referenceSequence() {
        var random = SplitMix64(seed: 0)
        let values = (0..<3).map { _ in random.next() }
        #expect(values == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test("the helpers draw the same values for a seed, which the sandbox's generated data depends on")
    func helpersArePinned() {
        var random = SplitMix64(seed: 42)
        let id = random.digitID()
        let number = random.int(in: 300...5400)
        let element = random.pick(["a", "b", "c", "d"])
        let coins = (0..<8).map { _ in random.chance(0.5) }
        #expect(id == "6932519030174587213")
        #expect(number == 1115)
        #expect(element == "b")
        #expect(coins == [true, true, false, true, false, true, false, true])
    }
}
