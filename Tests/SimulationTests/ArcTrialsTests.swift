import NumericCore
import Testing
@testable import Simulation

/// The draw-then-gather trials must be exactly the one-pass loop's: same successes, same order,
/// same random numbers consumed.
@Suite("Arc trials (independent cascade's kernel)")
struct ArcTrialsTests {
    /// A random CSR graph: 500 agents, out-degrees 0–40 (some rows empty).
    static func graph(seed: UInt64 = 3) -> (offsets: [Int], heads: [UInt32]) {
        var rng = Xoshiro256PlusPlus(seed: seed)
        var offsets = [0], heads: [UInt32] = []
        for _ in 0..<500 {
            for _ in 0..<rng.nextInt(below: 41) { heads.append(UInt32(rng.nextInt(below: 500))) }
            offsets.append(heads.count)
        }
        return (offsets, heads)
    }

    /// The one-pass loop the kernel replaced: skip, take the arc, skip again.
    static func onePass(_ frontier: [Int32], _ offsets: [Int], _ heads: [UInt32], _ skip: GeometricSkip,
                        _ rng: inout Xoshiro256PlusPlus) -> [(Int32, UInt32)] {
        var out: [(Int32, UInt32)] = []
        for v in frontier {
            let start = offsets[Int(v)], end = offsets[Int(v) + 1]
            let first = skip.nextSkip(using: &rng)      // Int.max when p = 0
            var p = first >= end - start ? end : start + first
            while p < end {
                out.append((v, heads[p]))
                let s = skip.nextSkip(using: &rng)
                p = s >= end - p ? end : p + s + 1
            }
        }
        return out
    }

    @Test(arguments: [0.0, 0.02, 0.3, 1.0])
    func drawsTheOnePassLoopsSuccessesInOrder(p: Double) {
        let (offsets, heads) = Self.graph()
        var pick = Xoshiro256PlusPlus(seed: 9)
        let frontier = (0..<120).map { _ in Int32(pick.nextInt(below: 500)) }
        let skip = GeometricSkip(probability: p)
        var a = Xoshiro256PlusPlus(seed: 11), b = a
        let reference = Self.onePass(frontier, offsets, heads, skip, &a)
        var trials = ArcTrials()
        for _ in 0..<2 {   // reused storage gives the same answer
            b = Xoshiro256PlusPlus(seed: 11)
            trials.draw(from: frontier, offsets: offsets, heads: heads, skip: skip, using: &b)
            #expect(trials.count == reference.count)
            #expect(Array(trials.sources) == reference.map(\.0))
            #expect(Array(trials.targets) == reference.map(\.1))
            #expect(b.next() == { var c = a; return c.next() }(), "both consumed the same draws")
        }
        if p == 1 { #expect(trials.count == frontier.reduce(0) { $0 + offsets[Int($1) + 1] - offsets[Int($1)] }) }
        if p == 0 { #expect(trials.count == 0) }
    }
}
