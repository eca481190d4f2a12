import Foundation
import Testing
import TestSupport
@testable import NumericCore

@Suite("Random streams")
struct RandomStreamTests {
    @Test("SplitMix64 matches the published sequence for seed 1234567 (Rosetta Code, Steele–Lea–Flood)")
    func splitMixKnownAnswers() {
        var g = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [0x599E_D017_FB08_FC85, 0x2C73_F084_5854_0FA5, 0x883E_BCE5_A3F2_7C77,
                                  0x3FBE_F740_E917_7B3F, 0xE3B8_3467_08CB_5ECD]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test("xoshiro256++ from state (0,0,0,1) matches the reference output (xoshiro-fortran test table)")
    func xoshiroKnownAnswers() {
        var g = Xoshiro256PlusPlus(state: (0, 0, 0, 1))
        let expected: [UInt64] = [0x0000_0000_0080_0000, 0x0000_0000_0080_0011, 0x0002_2000_0080_0011,
                                  0x0002_2000_4400_0020, 0x0002_2000_4480_08A1, 0x0110_2100_8022_08A0,
                                  0x0114_0022_8420_0880, 0x0402_8966_44A6_4095, 0x8A14_A0A2_44AC_C891,
                                  0x8C88_BA46_80B2_0495]
        #expect((0..<10).map { _ in g.next() } == expected)
    }

    @Test("jump() moves 2^128 steps: state and output match the reference table")
    func xoshiroJump() {
        var g = Xoshiro256PlusPlus(state: (0, 0, 0, 1))
        g.jump()
        #expect(g.state == (0x934D_05E8_B207_6310, 0xEABD_D0BF_76A1_BE51, 0x75DD_6A99_2ACC_B1E8, 0xC660_C602_A733_0187))
        let expected: [UInt64] = [0x88F9_A31A_FDB4_39F5, 0x3813_4A20_DFA1_A232, 0x21D6_A25A_2977_97C7,
                                  0xFCA0_846C_C616_D4F8, 0x1A9D_1B26_7D52_627A]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test("longJump() moves 2^192 steps: state matches the reference table")
    func xoshiroLongJump() {
        var g = Xoshiro256PlusPlus(state: (0, 0, 0, 1))
        g.longJump()
        #expect(g.state == (0x4AA1_1F0B_3241_CDBF, 0xB6A1_7239_B35B_197F, 0x5049_5257_2E3F_844B, 0x2628_DF68_616F_D3A0))
        #expect(g.next() == 0x846A_F7DB_E1FA_32BE)
    }

    @Test("a stream is a pure function of (seed, replicate, purpose)")
    func streamsAreDeterministic() {
        var a = Xoshiro256PlusPlus(seed: 42, replicate: 7, purpose: .dynamics)
        var b = Xoshiro256PlusPlus(seed: 42, replicate: 7, purpose: .dynamics)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        // Pinned once (regression guard for the derivation itself, not an external reference):
        // changing it would silently change every published Skein result.
        var pinned = Xoshiro256PlusPlus(seed: 42, replicate: 0, purpose: StreamPurpose("dynamics"))
        #expect(pinned.next() == Self.pinnedFirstOutput)
        #expect(StreamPurpose("dynamics").key == 0xD9C3_C973_E3CB_5847)  // FNV-1a 64 of "dynamics" (Python)
    }

    // Recomputed independently in Python from the documented derivation (see the test above).
    static let pinnedFirstOutput: UInt64 = 14_906_048_203_005_280_022

    @Test("streams for different replicates, purposes and seeds differ and are uncorrelated")
    func streamsAreIndependent() {
        let n = 20_000
        func draws(_ seed: UInt64, _ rep: UInt64, _ purpose: StreamPurpose) -> [Double] {
            var g = Xoshiro256PlusPlus(seed: seed, replicate: rep, purpose: purpose)
            return (0..<n).map { _ in g.nextUnitDouble() }
        }
        let base = draws(1, 0, .dynamics)
        for other in [draws(1, 1, .dynamics), draws(1, 0, .seeding), draws(2, 0, .dynamics)] {
            #expect(other != base)
            // Pearson r of independent uniforms has SD 1/√n; 5 SD makes a false failure ~1e-6.
            let r = pearson(base, other)
            #expect(abs(r) < 5 / Double(n).squareRoot(), "correlation \(r)")
        }
        // Replicates 0…999 for one seed: all first outputs distinct (the derivation is injective).
        let firsts = Set((0..<1000).map { rep -> UInt64 in
            var g = Xoshiro256PlusPlus(seed: 9, replicate: UInt64(rep), purpose: .dynamics)
            return g.next()
        })
        #expect(firsts.count == 1000)
    }

    @Test("per-replicate results are bit-identical on 1 and 2 threads")
    func bitIdenticalAcrossThreadCounts() {
        func run(threads: Int) -> [UInt64] {
            let replicates = 64
            var out = [UInt64](repeating: 0, count: replicates)
            out.withUnsafeMutableBufferPointer { buffer in
                let slots = UncheckedSendable(buffer)
                Compute.withThreads(threads) {
                    Parallel.forEach(count: replicates) { r in
                        var g = Xoshiro256PlusPlus(seed: 2026, replicate: UInt64(r), purpose: .dynamics)
                        var acc: UInt64 = 0
                        for _ in 0..<(1000 + r * 37) { acc = acc &* 31 &+ g.next() }
                        slots.value[r] = acc
                    }
                }
            }
            return out
        }
        #expect(run(threads: 1) == run(threads: 2))
    }

    private func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let mx = Descriptive.mean(x), my = Descriptive.mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
