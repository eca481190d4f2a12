import NumericCore

/// The successful Bernoulli trials of one step along every arc out of a frontier, drawn first and
/// applied after.
///
/// On a big network each success is a cache miss on the arc's target. Drawn and applied in one
/// pass, every miss sits in a dependent chain (skip, load, test, adopt) and the core waits on them
/// one at a time; drawn first, the targets are then gathered in a tight loop whose loads are
/// independent, so the memory system serves many at once. The draws depend only on the rows'
/// bounds, so they come in the same order as in one pass: the results are the same.
///
/// Most agents' trials all fail (at p = 0.05 an agent with 5 ties converts no one 77% of the
/// time), so the first uniform of a row is tested against (1 − p)^d, tabled by degree, before its
/// logarithm is taken. The table sits a relative 10⁻¹² below the exact bound, so a uniform it
/// passes over gives a skip of at least d however the logarithm rounds: the same trials as
/// always taking it.
struct ArcTrials {
    /// Storage reused across steps; the first `count` entries are this step's.
    private var sourceStore: [Int32] = []
    private var targetStore: [UInt32] = []
    private var positions: [Int] = []
    private var bounds: [Int] = []
    /// (1 − p)^d (1 − 10⁻¹²) by out-degree d, for `tableProbability`.
    private var noSuccess: [Double] = []
    private var tableProbability = -1.0
    private(set) var count = 0

    /// The frontier agent at the tail of each successful arc, in draw order.
    var sources: ArraySlice<Int32> { sourceStore[0..<count] }
    /// The head of each successful arc, in draw order.
    var targets: ArraySlice<UInt32> { targetStore[0..<count] }

    private mutating func table(_ skip: GeometricSkip, upTo degree: Int) {
        if tableProbability != skip.probability {
            tableProbability = skip.probability
            noSuccess.removeAll(keepingCapacity: true)
        }
        while noSuccess.count <= degree { noSuccess.append(skip.chanceOfNoSuccess(in: noSuccess.count) * (1 - 1e-12)) }
    }

    /// Draws, in frontier order, the successes along each agent's arcs (skipping geometrically
    /// between them), then gathers their heads.
    mutating func draw<G: RandomNumberGenerator>(from frontier: [Int32], offsets: [Int], heads: [UInt32],
                                                       skip: GeometricSkip, using rng: inout G) {
        count = 0
        // The rows' bounds first, gathered the same way as the heads below; the arcs they span
        // bound the successes, so the stores are sized once and written without appends.
        bounds.removeAll(keepingCapacity: true)
        var arcs = 0, widest = 0
        offsets.withUnsafeBufferPointer { offsets in
            for v in frontier {
                let b = offsets[Int(v)], e = offsets[Int(v) + 1]
                bounds.append(b)
                bounds.append(e)
                arcs += e - b
                widest = max(widest, e - b)
            }
        }
        if positions.count < arcs {
            let size = max(arcs, 2 * positions.count)
            positions = [Int](repeating: 0, count: size)
            sourceStore = [Int32](repeating: 0, count: size)
            targetStore = [UInt32](repeating: 0, count: size)
        }
        let tabled = skip.probability > 0 && skip.probability < 1
        if tabled { table(skip, upTo: widest) }
        var n = 0
        bounds.withUnsafeBufferPointer { bounds in
        noSuccess.withUnsafeBufferPointer { noSuccess in
        positions.withUnsafeMutableBufferPointer { positions in
        sourceStore.withUnsafeMutableBufferPointer { sources in
            for (i, v) in frontier.enumerated() {
                var p = bounds[2 * i]
                let end = bounds[2 * i + 1]
                let first: Int
                if tabled {
                    let u = rng.nextOpenUnitDouble()
                    if u < noSuccess[end - p] { continue }
                    first = skip.skip(fromUniform: u)
                } else {
                    first = skip.nextSkip(using: &rng)
                }
                guard first < end - p else { continue }
                p += first
                while true {
                    sources[n] = v
                    positions[n] = p
                    n += 1
                    let s = skip.nextSkip(using: &rng)
                    guard s < end - p - 1 else { break }
                    p += s + 1
                }
            }
        }
        }
        }
        }
        count = n
        // The gather: a tight loop of independent loads.
        positions.withUnsafeBufferPointer { positions in
            heads.withUnsafeBufferPointer { heads in
                targetStore.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n { out[i] = heads[positions[i]] }
                }
            }
        }
    }
}
