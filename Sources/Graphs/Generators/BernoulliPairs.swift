import NumericCore

/// Visits the successes of independent Bernoulli(p) trials over node pairs in O(successes), by
/// geometric skipping (Batagelj & Brandes 2005). Shared by G(n, p), the block model and the
/// organisation generator, whose blocks are rectangles (two groups) or triangles (one group).
enum BernoulliPairs {
    /// The indices k in 0..<total of the successes among `total` Bernoulli(p) trials, in order.
    static func successes(among total: Int, probability p: Double, rng: inout Xoshiro256PlusPlus, _ body: (Int) -> Void) {
        guard total > 0, p > 0 else { return }
        let skip = GeometricSkip(probability: p)
        var k = -1
        while true {
            let s = skip.nextSkip(using: &rng)
            guard s < total - k - 1 else { return }
            k += s + 1
            body(k)
        }
    }

    /// Pairs {rows[i], rows[j]}, i < j, within one group of nodes, each with probability p.
    static func within(_ nodes: Range<Int>, probability p: Double, rng: inout Xoshiro256PlusPlus,
                       _ body: (Int, Int) -> Void) {
        let n = nodes.count
        guard n > 1 else { return }
        // Index k enumerates pairs row by row: row i holds pairs (i, i+1…n−1).
        var i = 0, rowStart = 0
        successes(among: n * (n - 1) / 2, probability: p, rng: &rng) { k in
            while k >= rowStart + (n - 1 - i) {
                rowStart += n - 1 - i
                i += 1
            }
            let j = i + 1 + (k - rowStart)
            body(nodes.lowerBound + i, nodes.lowerBound + j)
        }
    }

    /// Pairs (a, b) with a in `first`, b in `second`, each with probability p.
    static func between(_ first: Range<Int>, _ second: Range<Int>, probability p: Double, rng: inout Xoshiro256PlusPlus,
                        _ body: (Int, Int) -> Void) {
        let width = second.count
        successes(among: first.count * width, probability: p, rng: &rng) { k in
            body(first.lowerBound + k / width, second.lowerBound + k % width)
        }
    }

    /// Ordered pairs (a, b), a ≠ b, within one group, each with probability p (directed G(n, p)).
    static func ordered(_ nodes: Range<Int>, probability p: Double, rng: inout Xoshiro256PlusPlus,
                        _ body: (Int, Int) -> Void) {
        let n = nodes.count
        guard n > 1 else { return }
        successes(among: n * (n - 1), probability: p, rng: &rng) { k in
            let a = k / (n - 1), r = k % (n - 1)
            body(nodes.lowerBound + a, nodes.lowerBound + (r < a ? r : r + 1))
        }
    }
}
