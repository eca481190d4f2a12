import NumericCore

/// The successful Bernoulli trials of one step along every arc out of a frontier, drawn first and
/// applied after.
///
/// On a big network each success is a cache miss on the arc's target. Drawn and applied in one
/// pass, every miss sits in a dependent chain (skip, load, test, adopt) and the core waits on them
/// one at a time; drawn first, the targets are then gathered in a tight loop whose loads are
/// independent, so the memory system serves many at once. The draws depend only on the rows'
/// bounds, so they come in the same order as in one pass: the results are the same.
struct ArcTrials {
    /// The frontier agent at the tail of each successful arc, in draw order.
    private(set) var sources: [Int32] = []
    /// The head of each successful arc, in draw order.
    private(set) var targets: [UInt32] = []
    private var positions: [Int] = []
    private var bounds: [Int] = []

    var count: Int { positions.count }

    /// Draws, in frontier order, the successes along each agent's arcs (skipping geometrically
    /// between them), then gathers their heads.
    mutating func draw<G: RandomNumberGenerator>(from frontier: [Int32], offsets: [Int], heads: [UInt32],
                                                       skip: GeometricSkip, using rng: inout G) {
        sources.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        // The rows' bounds first, gathered the same way as the heads below.
        bounds.removeAll(keepingCapacity: true)
        offsets.withUnsafeBufferPointer { offsets in
            for v in frontier {
                bounds.append(offsets[Int(v)])
                bounds.append(offsets[Int(v) + 1])
            }
        }
        bounds.withUnsafeBufferPointer { bounds in
            for (i, v) in frontier.enumerated() {
                var p = bounds[2 * i]
                let end = bounds[2 * i + 1]
                let first = skip.nextSkip(using: &rng)
                guard first < end - p else { continue }
                p += first
                while true {
                    sources.append(v)
                    positions.append(p)
                    let s = skip.nextSkip(using: &rng)
                    guard s < end - p - 1 else { break }
                    p += s + 1
                }
            }
        }
        // The gather: a tight loop of independent loads into storage sized up front.
        targets.removeAll(keepingCapacity: true)
        targets.append(contentsOf: repeatElement(0, count: positions.count))
        positions.withUnsafeBufferPointer { positions in
            heads.withUnsafeBufferPointer { heads in
                targets.withUnsafeMutableBufferPointer { out in
                    for (i, p) in positions.enumerated() { out[i] = heads[p] }
                }
            }
        }
    }
}
