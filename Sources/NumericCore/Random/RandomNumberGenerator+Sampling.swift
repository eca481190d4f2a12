import Foundation

// Samplers used by the simulator and the analyser. They are written out here rather than taken
// from the standard library (`Double.random(in:using:)`, `shuffle(using:)`), whose algorithms may
// change between Swift releases: a seed must give the same numbers on every toolchain.

extension RandomNumberGenerator {
    /// Uniform in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    @inlinable
    public mutating func nextOpenUnitDouble() -> Double {
        Double((next() >> 11) &+ 1) * 0x1.0p-53
    }

    /// Uniform in [0, 1) with 24 random bits.
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// Uniform integer in 0..<bound, unbiased (Lemire 2019, "Fast random integer generation in an
    /// interval": one multiplication, a division only on the rare rejection path).
    @inlinable
    public mutating func nextBounded(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// Uniform integer in 0..<bound.
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        Int(truncatingIfNeeded: nextBounded(UInt64(bound)))
    }

    /// True with probability p.
    @inlinable
    public mutating func bernoulli(_ p: Double) -> Bool {
        nextUnitDouble() < p
    }

    /// Exponential waiting time with the given rate (mean 1/rate), by inversion.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        -Foundation.log(nextOpenUnitDouble()) / rate
    }

    /// A pair of independent standard normals (two ziggurat draws; see `NormalZiggurat`).
    @inlinable
    public mutating func normalPair() -> (Double, Double) {
        NormalZiggurat.withTables { e, h in
            let a = NormalZiggurat.draw(using: &self, edge: e, height: h)
            return (a, NormalZiggurat.draw(using: &self, edge: e, height: h))
        }
    }

    /// One standard normal, scaled and shifted.
    @inlinable
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        mean + standardDeviation * NormalZiggurat.withTables { NormalZiggurat.draw(using: &self, edge: $0, height: $1) }
    }

    /// Fills a buffer with standard normals, in order. Inlinable so that callers in other modules
    /// get it specialised for their generator (unspecialised, every draw went through a witness
    /// table: a fifth of commitment dynamics' run time).
    @inlinable
    public mutating func fillNormal<Scalar: BinaryFloatingPoint>(_ buffer: UnsafeMutableBufferPointer<Scalar>) {
        NormalZiggurat.withTables { e, h in
            for i in buffer.indices { buffer[i] = Scalar(NormalZiggurat.draw(using: &self, edge: e, height: h)) }
        }
    }

    /// Fisher–Yates shuffle in place: every permutation equally likely.
    @inlinable
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ collection: inout C) where C.Index == Int {
        var i = collection.count
        let start = collection.startIndex
        while i > 1 {
            let j = nextInt(below: i)
            i -= 1
            collection.swapAt(start + i, start + j)
        }
    }

    /// k distinct integers from 0..<n, in random order, each k-subset equally likely.
    ///
    /// Floyd's algorithm (O(k) expected, a hash set) when k is small against n; a partial
    /// Fisher–Yates over 0..<n (O(n)) otherwise. Set iteration order is never used, so the
    /// result depends only on the generator. Inlinable, so callers in other modules get it
    /// specialised for their generator (unspecialised, every draw and swap went through witness
    /// tables: a fifth of a small independent-cascade ensemble's time went to seeding).
    @inlinable
    public mutating func sampleWithoutReplacement(_ k: Int, from n: Int) -> [Int] {
        precondition(k >= 0 && k <= n, "cannot sample \(k) distinct values from \(n)")
        if k == 0 { return [] }
        if k * 4 > n {
            var pool = Array(0..<n)
            for i in 0..<k {
                let j = i + nextInt(below: n - i)
                pool.swapAt(i, j)
            }
            return Array(pool[0..<k])
        }
        var order: [Int] = []
        order.reserveCapacity(k)
        if k <= 64 {
            // Few picks: a linear scan of them beats hashing.
            for j in (n - k)..<n {
                let t = nextInt(below: j + 1)
                order.append(order.contains(t) ? j : t)
            }
        } else {
            var chosen = Set<Int>(minimumCapacity: k)
            for j in (n - k)..<n {
                let t = nextInt(below: j + 1)
                let pick = chosen.contains(t) ? j : t
                chosen.insert(pick)
                order.append(pick)
            }
        }
        shuffle(&order)
        return order
    }
}

/// Skips over runs of failures in Bernoulli(p) trials: the number of failures before the next
/// success is geometric, drawn in O(1) as ⌊log U / log(1 − p)⌋ (Batagelj & Brandes 2005).
/// Makes G(n, p) and per-edge independent-cascade trials O(successes) rather than O(trials).
public struct GeometricSkip: Sendable {
    public let probability: Double
    @usableFromInline let logComplement: Double

    public init(probability p: Double) {
        precondition(p >= 0 && p <= 1, "probability \(p) is outside [0, 1]")
        probability = p
        logComplement = Foundation.log1p(-p)
    }

    /// Failures before the next success; `Int.max` when p = 0 (no success ever comes).
    @inlinable
    public func nextSkip<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        if probability >= 1 { return 0 }
        if probability <= 0 { return Int.max }
        return skip(fromUniform: generator.nextOpenUnitDouble())
    }

    /// (1 − p)^d: the chance that d trials all fail, so that a skip of at least d comes next.
    public func chanceOfNoSuccess(in d: Int) -> Double { Foundation.exp(Double(d) * logComplement) }

    /// The skip `nextSkip` makes of the uniform u in (0, 1), for 0 < p < 1: callers that test u
    /// against a precomputed (1 − p)^d first still get the very same skips.
    @inlinable
    public func skip(fromUniform u: Double) -> Int {
        let skip = (Foundation.log(u) / logComplement).rounded(.down)
        return skip >= Double(Int.max / 2) ? Int.max : Int(skip)
    }
}
