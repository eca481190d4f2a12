import Foundation
import NumericCore

extension ReverseInfluenceSampling {
    /// RR sets stored flat: members of set i are `members[offsets[i]..<offsets[i + 1]]`.
    struct Sets {
        var offsets: [Int] = [0]
        var members: [Int32] = []
        var count: Int { offsets.count - 1 }
    }

    /// Draws reverse-reachable sets: a backwards search from a random agent that keeps each in-arc
    /// with its cascade probability.
    ///
    /// With one probability per target (uniform p, or 1 / in-degree for the weighted cascade) the
    /// kept in-arcs of an agent are a subset sample (Guo et al. 2020, SUBSIM): geometric skips
    /// cost O(1 + kept) instead of O(in-degree), and the commonest case, no arc kept, is one
    /// uniform draw against the precomputed chance (1 − p)^d. Edge weights take a draw per arc.
    ///
    /// Sets come in blocks of `blockSize`, block b of a collection drawn from its own stream
    /// (seed, purpose seeding, substream collection·2³² + b): a set's contents never depend on how
    /// many were drawn before in a call, and blocks can be drawn in parallel without changing them.
    struct Sampler {
        static let blockSize = 4096
        let n: Int
        /// In-arcs: who could have influenced each agent, and with what chance (edge weights only).
        let inOffsets: [Int]
        let inSources: [Int32]
        let arcChance: [Double]
        /// Per agent: the chance no in-arc is kept, and 1 / log(1 − p) for the skips (subset sampling).
        let noneKept: [Double]
        let inverseLogComplement: [Double]
        let perArc: Bool
        let seed: UInt64
        var mark: [UInt32]
        var stamp: UInt32 = 0
        var queue: [Int32] = []

        init(population: Population, probability: IndependentCascade.Probability, seed: UInt64) {
            n = population.count
            self.seed = seed
            var offsets = [Int](repeating: 0, count: n + 1)
            for t in population.targets { offsets[Int(t) + 1] += 1 }
            for v in 0..<n { offsets[v + 1] += offsets[v] }
            var cursor = offsets
            var sources = [Int32](repeating: 0, count: population.arcCount)
            var chance = [Double]()
            let weights = probability == .edgeWeights ? population.weights : nil
            if weights != nil { chance = [Double](repeating: 0, count: population.arcCount) }
            for u in 0..<n {
                for a in population.offsets[u]..<population.offsets[u + 1] {
                    let v = Int(population.targets[a])
                    sources[cursor[v]] = Int32(u)
                    if let weights { chance[cursor[v]] = weights[a] }
                    cursor[v] += 1
                }
            }
            inOffsets = offsets
            inSources = sources
            arcChance = chance
            perArc = weights != nil
            var none = [Double](repeating: 1, count: n), inverse = [Double](repeating: 0, count: n)
            if !perArc {
                for v in 0..<n {
                    let d = offsets[v + 1] - offsets[v]
                    let p: Double
                    switch probability {
                    case let .uniform(q): p = q
                    default: p = 1 / Double(max(1, d))
                    }
                    guard d > 0, p > 0 else { continue }
                    // p = 1: log(1 − p) = −∞, every skip 0, every arc kept.
                    let logComplement = p >= 1 ? -Double.infinity : Foundation.log1p(-p)
                    none[v] = p >= 1 ? 0 : Foundation.exp(Double(d) * logComplement)
                    inverse[v] = 1 / logComplement
                }
            }
            noneKept = none
            inverseLogComplement = inverse
            mark = [UInt32](repeating: 0, count: n)
        }

        /// Each collection's stream where its last block stopped, so a block split between calls
        /// continues rather than restarts.
        var streams: [UInt64: Xoshiro256PlusPlus] = [:]

        /// Adds sets to `sets` (grown by this sampler only) until it holds `target`, continuing
        /// `collection`'s blocks.
        mutating func grow(_ sets: inout Sets, to target: Int, collection: UInt64) {
            while sets.count < target {
                let block = sets.count / Self.blockSize
                var rng = sets.count % Self.blockSize == 0 || streams[collection] == nil
                    ? Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .seeding, substream: collection << 32 | UInt64(block))
                    : streams[collection]!
                let end = min(target, (block + 1) * Self.blockSize)
                while sets.count < end {
                    search(rng: &rng)
                    sets.members.append(contentsOf: queue)
                    sets.offsets.append(sets.members.count)
                }
                streams[collection] = rng
            }
        }

        /// One backwards search into `queue`.
        private mutating func search(rng: inout Xoshiro256PlusPlus) {
            stamp &+= 1
            if stamp == 0 {
                for j in mark.indices { mark[j] = 0 }
                stamp = 1
            }
            let stamp = stamp
            let root = rng.nextInt(below: n)
            // Moved out and back, so the loop holds the only references (no copy, no exclusivity checks).
            var queue = self.queue, mark = self.mark
            self.queue = []
            self.mark = []
            defer {
                self.queue = queue
                self.mark = mark
            }
            queue.removeAll(keepingCapacity: true)
            queue.append(Int32(root))
            mark[root] = stamp
            var head = 0
            while head < queue.count {
                let v = Int(queue[head])
                head += 1
                let begin = inOffsets[v], end = inOffsets[v + 1]
                if perArc {
                    for q in begin..<end where rng.nextUnitDouble() < arcChance[q] {
                        let u = Int(inSources[q])
                        if mark[u] != stamp {
                            mark[u] = stamp
                            queue.append(Int32(u))
                        }
                    }
                    continue
                }
                let u0 = rng.nextOpenUnitDouble()
                if u0 <= noneKept[v] { continue }
                let inverse = inverseLogComplement[v]
                let firstSkip = Foundation.log(u0) * inverse
                if firstSkip >= Double(end - begin) { continue }
                var q = begin + Int(firstSkip)
                while q < end {
                    let u = Int(inSources[q])
                    if mark[u] != stamp {
                        mark[u] = stamp
                        queue.append(Int32(u))
                    }
                    let skip = Foundation.log(rng.nextOpenUnitDouble()) * inverse
                    if skip >= Double(end - q - 1) { break }
                    q += Int(skip) + 1
                }
            }
        }
    }
}
