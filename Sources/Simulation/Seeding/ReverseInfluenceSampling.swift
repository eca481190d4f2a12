import Foundation
import NumericCore

/// IMM (Tang, Shi & Xiao 2015): influence maximisation for the independent cascade on large
/// networks, returning k seeds whose expected spread is within (1 − 1/e − ε) of the optimum with
/// probability at least 1 − n^−ℓ.
///
/// A reverse-reachable (RR) set is everyone who would have reached a random agent: a backwards
/// search that keeps each arc with probability p. A seed set's spread is n times the share of RR
/// sets it touches, so choosing seeds is maximum coverage over RR sets (greedy). IMM's sampling
/// phase finds a lower bound on the optimum by halving guesses, which fixes how many RR sets the
/// guarantee needs (λ*/LB). Expected cost O((k + ℓ)(n + m) log n / ε²).
public enum ReverseInfluenceSampling {
    /// RR sets stored flat: members of set i are `members[offsets[i]..<offsets[i + 1]]`.
    struct Sets {
        var offsets: [Int] = [0]
        var members: [Int32] = []
        var count: Int { offsets.count - 1 }
    }

    /// RR sets IMM may draw at most (λ* over the smallest lower bound, 1): what ε costs, checked
    /// before any work so a tiny ε is refused instead of exhausting memory.
    public static func maximumSets(agents n: Int, count k: Int, epsilon: Double, ell: Double = 1) -> Double {
        let nd = Double(max(n, 2))
        let l = ell * (1 + log(2) / log(nd))
        let logBinomial = lgamma(nd + 1) - lgamma(Double(k) + 1) - lgamma(nd - Double(k) + 1)
        let alpha = (l * log(nd) + log(2)).squareRoot()
        let beta = ((1 - 1 / M_E) * (logBinomial + l * log(nd) + log(2))).squareRoot()
        return 2 * nd * pow((1 - 1 / M_E) * alpha + beta, 2) / (epsilon * epsilon)
    }

    /// The most RR sets a run may hold (about 1 GB of offsets alone at 8 bytes each).
    public static let setLimit = 100_000_000.0

    public static func imm(_ population: Population, count k: Int, probability p: Double, epsilon: Double = 0.1,
                           ell: Double = 1, seed: UInt64) -> [Int] {
        let n = population.count
        guard k > 0, n > 0 else { return [] }
        let nd = Double(n)
        let l = ell * (1 + log(2) / log(max(nd, 2)))
        let logBinomial = lgamma(nd + 1) - lgamma(Double(k) + 1) - lgamma(nd - Double(k) + 1)
        let epsilonPrime = 2.0.squareRoot() * epsilon
        let lambdaPrime = (2 + 2 * epsilonPrime / 3) * (logBinomial + l * log(nd) + log(max(1, log2(nd)))) * nd / (epsilonPrime * epsilonPrime)
        let alpha = (l * log(nd) + log(2)).squareRoot()
        let beta = ((1 - 1 / M_E) * (logBinomial + l * log(nd) + log(2))).squareRoot()
        let lambdaStar = 2 * nd * pow((1 - 1 / M_E) * alpha + beta, 2) / (epsilon * epsilon)

        var rng = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .seeding, substream: 11)
        var sets = Sets()
        var generator = Generator(population: population, probability: p)
        var lowerBound = 1.0
        var i = 1
        while Double(i) < log2(nd) {
            let x = nd / pow(2, Double(i))
            let theta = Int(min(setLimit, (lambdaPrime / x).rounded(.up)))
            while sets.count < theta { generator.add(to: &sets, rng: &rng) }
            let (_, covered) = select(sets, n: n, k: k)
            if nd * Double(covered) / Double(sets.count) >= (1 + epsilonPrime) * x {
                lowerBound = nd * Double(covered) / Double(sets.count) / (1 + epsilonPrime)
                break
            }
            i += 1
        }
        let theta = Int(min(setLimit, (lambdaStar / lowerBound).rounded(.up)))
        while sets.count < theta { generator.add(to: &sets, rng: &rng) }
        return select(sets, n: n, k: k).seeds
    }

    /// Backwards searches with reusable marks.
    struct Generator {
        let population: Population
        let skip: GeometricSkip
        var mark: [UInt32]
        var stamp: UInt32 = 0
        var queue: [Int32] = []
        let inOffsets: [Int]
        let inSources: [UInt32]

        init(population: Population, probability p: Double) {
            self.population = population
            skip = GeometricSkip(probability: p)
            mark = [UInt32](repeating: 0, count: population.count)
            // In-arcs: who could have influenced each agent.
            var offsets = [Int](repeating: 0, count: population.count + 1)
            var sources: [UInt32] = []
            sources.reserveCapacity(population.arcCount)
            for v in 0..<population.count {
                sources.append(contentsOf: population.graph.inNeighbours(of: v))
                offsets[v + 1] = sources.count
            }
            inOffsets = offsets
            inSources = sources
        }

        mutating func add(to sets: inout Sets, rng: inout Xoshiro256PlusPlus) {
            stamp &+= 1
            if stamp == 0 { for j in mark.indices { mark[j] = 0 }; stamp = 1 }
            let root = rng.nextInt(below: population.count)
            mark[root] = stamp
            queue.removeAll(keepingCapacity: true)
            queue.append(Int32(root))
            var head = 0
            while head < queue.count {
                let v = Int(queue[head]); head += 1
                let end = inOffsets[v + 1]
                var q = inOffsets[v] + skip.nextSkip(using: &rng)
                while q < end {
                    let u = Int(inSources[q])
                    if mark[u] != stamp {
                        mark[u] = stamp
                        queue.append(Int32(u))
                    }
                    let s = skip.nextSkip(using: &rng)
                    q = s >= end - q ? end : q + s + 1
                }
            }
            sets.members.append(contentsOf: queue)
            sets.offsets.append(sets.members.count)
        }
    }

    /// Greedy maximum coverage: k agents covering the most RR sets (ties to the lower id), and
    /// how many sets they cover.
    static func select(_ sets: Sets, n: Int, k: Int) -> (seeds: [Int], covered: Int) {
        // Inverted index: the sets each agent belongs to.
        var degree = [Int](repeating: 0, count: n + 1)
        for m in sets.members { degree[Int(m) + 1] += 1 }
        for v in 0..<n { degree[v + 1] += degree[v] }
        var cursor = degree
        var index = [Int32](repeating: 0, count: sets.members.count)
        for s in 0..<sets.count {
            for q in sets.offsets[s]..<sets.offsets[s + 1] {
                let v = Int(sets.members[q])
                index[cursor[v]] = Int32(s)
                cursor[v] += 1
            }
        }
        var count = (0..<n).map { degree[$0 + 1] - degree[$0] }
        var coveredSet = [Bool](repeating: false, count: sets.count)
        var seeds: [Int] = []
        var covered = 0
        for _ in 0..<min(k, n) {
            var best = -1
            for v in 0..<n where best < 0 || count[v] > count[best] { best = v }
            guard best >= 0 else { break }
            seeds.append(best)
            covered += count[best]
            for q in degree[best]..<degree[best + 1] {
                let s = Int(index[q])
                guard !coveredSet[s] else { continue }
                coveredSet[s] = true
                for r in sets.offsets[s]..<sets.offsets[s + 1] { count[Int(sets.members[r])] -= 1 }
            }
            count[best] = -1
        }
        return (seeds, covered)
    }
}
