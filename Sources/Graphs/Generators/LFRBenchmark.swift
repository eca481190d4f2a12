import Foundation
import NumericCore

/// LFR benchmark graphs (Lancichinetti, Fortunato & Radicchi 2008): power-law degrees and
/// power-law community sizes, with a mixing parameter μ, the share of each node's ties that leave
/// its community. The planted communities are set as the `community` attribute, so community
/// detection can be scored against them.
///
/// Construction: degrees from a truncated power law whose minimum is solved to give the requested
/// mean; community sizes from a second power law summing to n; nodes placed, largest inside
/// degree first, into random communities big enough to hold their inside ties; inside stubs
/// paired within each community and external stubs across communities (pairs that land inside one
/// community are re-paired by random swaps). Loops and repeats from stub pairing are erased, so
/// realised degrees and μ come out slightly below the targets, as in the reference implementation.
public struct LFRBenchmark: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) { (Double(n), Double(n) * averageDegree / 2) }

    public static let model = "lfr"
    public static let summary = "LFR benchmark: power-law degrees and community sizes with mixing μ (planted `community` attribute)."
    public static let parameters = [
        GeneratorParameter("n", "number of nodes"),
        GeneratorParameter("mu", default: "0.2", "mixing: share of each node's ties outside its community"),
        GeneratorParameter("average_degree", default: "10", "mean degree"),
        GeneratorParameter("max_degree", default: "50", "largest degree"),
        GeneratorParameter("tau1", default: "2.5", "degree exponent"),
        GeneratorParameter("tau2", default: "1.5", "community-size exponent"),
        GeneratorParameter("min_community", "smallest community (default: 10, or more when the minimum degree needs it)"),
        GeneratorParameter("max_community", "largest community (default: max(max_degree + 1, n/10))"),
    ]
    public var n: Int
    public var mu: Double
    public var averageDegree: Double
    public var maxDegree: Int
    public var tau1: Double
    public var tau2: Double
    public var minCommunity: Int?
    public var maxCommunity: Int?

    public init(n: Int, mu: Double, averageDegree: Double = 10, maxDegree: Int = 50, tau1: Double = 2.5, tau2: Double = 1.5,
                minCommunity: Int? = nil, maxCommunity: Int? = nil) {
        self.n = n
        self.mu = mu
        self.averageDegree = averageDegree
        self.maxDegree = maxDegree
        self.tau1 = tau1
        self.tau2 = tau2
        self.minCommunity = minCommunity
        self.maxCommunity = maxCommunity
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        n = try q.int("n", min: 10)
        mu = try q.probability("mu", default: 0.2)
        maxDegree = try q.int("max_degree", default: min(50, n - 1), min: 1, max: n - 1)
        averageDegree = try q.double("average_degree", default: min(10, Double(maxDegree)), min: 1, max: Double(maxDegree),
                                     expected: "a mean degree in [1, max_degree = \(maxDegree)]")
        tau1 = try q.double("tau1", default: 2.5, min: 1.01, max: 10, expected: "an exponent in (1, 10]")
        tau2 = try q.double("tau2", default: 1.5, min: 0.5, max: 10, expected: "an exponent in [0.5, 10]")
        minCommunity = try q.optionalString("min_community").map { _ in try q.int("min_community", min: 2, max: n) }
        maxCommunity = try q.optionalString("max_community").map { _ in try q.int("max_community", min: 2, max: n) }
        try q.checkAllRead(known: Self.parameters)
    }

    /// Pairs shuffled stubs two by two. A pair that would be a loop, a repeat or not `allowed`
    /// swaps its second stub with a random later one (up to 50 tries) before it is given up; this
    /// keeps realised degrees close to the targets even in small, dense communities.
    static func pair(_ stubs: inout [UInt32], present: inout Set<UInt64>, rng: inout Xoshiro256PlusPlus,
                     allowed: (UInt32, UInt32) -> Bool, emit: (UInt32, UInt32) -> Void) {
        rng.shuffle(&stubs)
        func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(min(a, b)) << 32 | UInt64(max(a, b)) }
        func good(_ a: UInt32, _ b: UInt32) -> Bool { a != b && allowed(a, b) && !present.contains(key(a, b)) }
        let pairs = stubs.count / 2
        for i in 0..<pairs {
            let later = stubs.count - 2 * i - 2
            var tries = 0
            while !good(stubs[2 * i], stubs[2 * i + 1]) && tries < 50 && later > 0 {
                stubs.swapAt(2 * i + 1, 2 * i + 2 + rng.nextInt(below: later))
                tries += 1
            }
            if good(stubs[2 * i], stubs[2 * i + 1]) {
                present.insert(key(stubs[2 * i], stubs[2 * i + 1]))
                emit(stubs[2 * i], stubs[2 * i + 1])
            }
        }
    }

    func fail(_ reason: String) -> GeneratorError { .infeasible(model: Self.model, reason: reason) }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        // Degrees.
        guard let kmin = PowerLaw.lower(forMean: averageDegree, exponent: tau1, upper: Double(maxDegree)) else {
            throw fail("no power law with exponent \(tau1) and maximum \(maxDegree) has mean degree \(averageDegree)")
        }
        let degreeLaw = PowerLaw(exponent: tau1, lower: kmin, upper: Double(maxDegree))
        var degree = (0..<n).map { _ in max(1, degreeLaw.nextRounded(using: &rng)) }
        var inside = degree.map { Int((Double($0) * (1 - mu)).rounded()) }

        // Community sizes.
        let smallest = minCommunity ?? max(10, Int(kmin.rounded(.up)) + 1)
        let largest = maxCommunity ?? max(maxDegree + 1, n / 10, smallest)
        guard smallest <= largest else { throw fail("min_community \(smallest) exceeds max_community \(largest)") }
        guard largest <= n else { throw fail("max_community \(largest) exceeds n = \(n)") }
        let maxInternal = inside.max() ?? 0
        guard largest > maxInternal else {
            throw fail("a node with \(maxInternal) inside ties needs a community larger than max_community = \(largest); raise max_community or mu, or lower max_degree")
        }
        let sizeLaw = PowerLaw.integers(exponent: tau2, minimum: smallest, maximum: largest)
        var sizes: [Int] = []
        var total = 0
        while total < n {
            let s = sizeLaw.nextFloor(using: &rng)
            sizes.append(s)
            total += s
        }
        // Trim the excess from the largest communities, never below the minimum.
        var excess = total - n
        while excess > 0 {
            guard let i = sizes.indices.max(by: { sizes[$0] < sizes[$1] }), sizes[i] > smallest else { break }
            let cut = min(excess, sizes[i] - smallest)
            sizes[i] -= cut
            excess -= cut
        }
        if excess > 0 { throw fail("cannot split \(n) nodes into communities of at least \(smallest)") }
        sizes.sort(by: >)
        let communities = sizes.count

        // Placement: highest inside degree first, into a random community that can hold its ties.
        var membership = [Int32](repeating: -1, count: n)
        var free = sizes
        let order = (0..<n).sorted { inside[$0] != inside[$1] ? inside[$0] > inside[$1] : $0 < $1 }
        for v in order {
            // Communities larger than the inside degree form a prefix of the size-sorted list.
            var feasible = 0
            while feasible < communities && sizes[feasible] > inside[v] { feasible += 1 }
            var placed = false
            for _ in 0..<32 where feasible > 0 {
                let c = rng.nextInt(below: feasible)
                if free[c] > 0 {
                    membership[v] = Int32(c)
                    free[c] -= 1
                    placed = true
                    break
                }
            }
            if !placed {
                guard let c = (0..<feasible).first(where: { free[$0] > 0 }) ?? (0..<communities).first(where: { free[$0] > 0 }) else {
                    throw fail("could not place every node in a community")
                }
                membership[v] = Int32(c)
                free[c] -= 1
                // A node in a community too small for its ties keeps as many inside as fit.
                inside[v] = min(inside[v], sizes[c] - 1)
            }
        }

        // Internal stubs: paired within each community (make each community's sum even).
        var members = [[UInt32]](repeating: [], count: communities)
        for v in 0..<n { members[Int(membership[v])].append(UInt32(v)) }
        var sources = [UInt32](), targets = [UInt32]()
        var present = Set<UInt64>()
        for c in 0..<communities {
            var stubs = [UInt32]()
            for v in members[c] { for _ in 0..<inside[Int(v)] { stubs.append(v) } }
            if stubs.count % 2 == 1 {
                // The member with the most internal ties moves one to its external side.
                let v = Int(members[c].max { inside[Int($0)] < inside[Int($1)] }!)
                inside[v] -= 1
                stubs.remove(at: stubs.lastIndex(of: UInt32(v))!)
            }
            Self.pair(&stubs, present: &present, rng: &rng, allowed: { _, _ in true }) { sources.append($0); targets.append($1) }
        }
        // External stubs: paired across communities.
        var external = [UInt32]()
        for v in 0..<n {
            degree[v] = max(degree[v], inside[v])
            for _ in 0..<(degree[v] - inside[v]) { external.append(UInt32(v)) }
        }
        if external.count % 2 == 1 { external.removeLast() }
        Self.pair(&external, present: &present, rng: &rng, allowed: { membership[Int($0)] != membership[Int($1)] }) {
            sources.append($0)
            targets.append($1)
        }
        var nodes = NodeTable(count: n)
        nodes.setAttribute("community", .categorical(codes: membership, levels: (0..<communities).map(String.init)))
        return Graph.assembleSimple(nodes: nodes, directed: false, sources: sources, targets: targets)
    }
}
