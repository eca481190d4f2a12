import Foundation
import NumericCore

/// Influence maximisation for the independent cascade by reverse influence sampling: k seeds whose
/// expected spread is within (1 − 1/e − ε) of the optimum with high probability.
///
/// A reverse-reachable (RR) set is everyone who would have reached a random agent: a backwards
/// search that keeps each arc with its probability. A seed set's spread is n times the share of RR
/// sets it touches, so choosing seeds is maximum coverage over RR sets (greedy). Two samplers:
///
/// - IMM (Tang, Shi & Xiao 2015) fixes the number of RR sets in advance from a lower bound on the
///   optimum found by halving guesses (λ*/LB), so it always draws enough for the worst case.
/// - OPIM-C (Tang, Tang, Xiao & Yuan 2018), as SUBSIM runs it (Guo et al. 2020): two independent
///   collections, one to choose seeds and one to check them, doubled until a lower bound on the
///   chosen seeds' spread over an upper bound on the optimum proves the ratio. Same guarantee,
///   usually tens of times fewer sets.
public enum ReverseInfluenceSampling {
    /// IMM's λ* over the smallest lower bound (1): the most RR sets it may draw, checked before
    /// any work so a tiny ε is refused instead of exhausting memory.
    public static func maximumSets(agents n: Int, count k: Int, epsilon: Double, ell: Double = 1) -> Double {
        let nd = Double(max(n, 2))
        let l = ell * (1 + log(2) / log(nd))
        let alpha = (l * log(nd) + log(2)).squareRoot()
        let beta = ((1 - 1 / M_E) * (logBinomial(n, k) + l * log(nd) + log(2))).squareRoot()
        return 2 * nd * pow((1 - 1 / M_E) * alpha + beta, 2) / (epsilon * epsilon)
    }

    /// The most RR sets a run may hold (about 1 GB of offsets alone at 8 bytes each).
    public static let setLimit = 100_000_000.0
    /// The most members all RR sets may hold together (4 GB of 32-bit ids): a cascade so likely
    /// that every RR set spans most of the network stops with an error instead of filling memory.
    public static let memberLimit = 1 << 30

    static func logBinomial(_ n: Int, _ k: Int) -> Double {
        let nd = Double(n), kd = Double(k)
        return lgamma(nd + 1) - lgamma(kd + 1) - lgamma(nd - kd + 1)
    }

    public static func imm(_ population: Population, count k: Int, probability p: Double, epsilon: Double = 0.1,
                           ell: Double = 1, seed: UInt64) throws -> [Int] {
        let n = population.count
        guard k > 0, n > 0 else { return [] }
        let nd = Double(n)
        let l = ell * (1 + log(2) / log(max(nd, 2)))
        let logBinomial = logBinomial(n, k)
        let epsilonPrime = 2.0.squareRoot() * epsilon
        let lambdaPrime = (2 + 2 * epsilonPrime / 3) * (logBinomial + l * log(nd) + log(max(1, log2(nd)))) * nd / (epsilonPrime * epsilonPrime)
        let alpha = (l * log(nd) + log(2)).squareRoot()
        let beta = ((1 - 1 / M_E) * (logBinomial + l * log(nd) + log(2))).squareRoot()
        let lambdaStar = 2 * nd * pow((1 - 1 / M_E) * alpha + beta, 2) / (epsilon * epsilon)

        var sets = Sets()
        var sampler = Sampler(population: population, probability: .uniform(p), seed: seed)
        var lowerBound = 1.0
        var i = 1
        while Double(i) < log2(nd) {
            let x = nd / pow(2, Double(i))
            let theta = Int(min(setLimit, (lambdaPrime / x).rounded(.up)))
            try grow(&sampler, &sets, to: theta, collection: 0)
            let covered = select(sets, n: n, k: k).covered
            if nd * Double(covered) / Double(sets.count) >= (1 + epsilonPrime) * x {
                lowerBound = nd * Double(covered) / Double(sets.count) / (1 + epsilonPrime)
                break
            }
            i += 1
        }
        let theta = Int(min(setLimit, (lambdaStar / lowerBound).rounded(.up)))
        try grow(&sampler, &sets, to: theta, collection: 0)
        return select(sets, n: n, k: k).seeds
    }

    /// Grows a collection, refusing past `memberLimit`.
    static func grow(_ sampler: inout Sampler, _ sets: inout Sets, to target: Int, collection: UInt64) throws {
        var reached = sets.count
        while reached < target {
            reached = min(target, reached + Sampler.blockSize)
            sampler.grow(&sets, to: reached, collection: collection)
            if sets.members.count > memberLimit {
                throw SimulationError.unsupported("influence maximisation: \(sets.count) reverse-reachable sets already hold "
                    + "\(sets.members.count) agents (RR sets span most of the network at this cascade probability); "
                    + "rank by degree instead, or lower the probability")
            }
        }
    }
}
