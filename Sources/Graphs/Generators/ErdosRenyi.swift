import NumericCore

/// Erdős–Rényi G(n, p): every pair tied independently with probability p, generated in
/// O(n + m) by geometric skipping. The null model: no clustering, no hubs, no groups.
public struct ErdosRenyi: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) {
        let nd = Double(n)
        return (nd, p * nd * (nd - 1) / (directed ? 1 : 2))
    }

    public static let model = "erdos-renyi"
    public static let summary = "G(n, p): each pair tied with probability p (geometric skipping, O(n + m))."
    public static let parameters = [
        GeneratorParameter("n", "number of nodes"),
        GeneratorParameter("p", "tie probability per pair"),
        GeneratorParameter("directed", default: "false", "ordered pairs (arcs) instead of edges"),
    ]
    public var n: Int
    public var p: Double
    public var directed: Bool

    public init(n: Int, p: Double, directed: Bool = false) {
        self.n = n
        self.p = p
        self.directed = directed
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        n = try q.int("n")
        p = try q.probability("p")
        directed = try q.bool("directed", default: false)
        try q.checkAllRead(known: Self.parameters)
    }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        var sources: [UInt32] = [], targets: [UInt32] = []
        let expected = p * Double(n) * Double(n - 1) / (directed ? 1 : 2)
        sources.reserveCapacity(Int(expected * 1.01) + 16)
        targets.reserveCapacity(Int(expected * 1.01) + 16)
        let add = { (u: Int, v: Int) in
            sources.append(UInt32(u))
            targets.append(UInt32(v))
        }
        if directed {
            BernoulliPairs.ordered(0..<n, probability: p, rng: &rng, add)
        } else {
            BernoulliPairs.within(0..<n, probability: p, rng: &rng, add)
        }
        return Graph.assembleSimple(nodes: NodeTable(count: n), directed: directed, sources: sources, targets: targets)
    }
}

/// G(n, m): exactly m edges chosen uniformly among all pairs (Floyd sampling of pair indices).
public struct RandomEdgeCount: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) { (Double(n), Double(m)) }

    public static let model = "gnm"
    public static let summary = "G(n, m): exactly m distinct edges chosen uniformly at random."
    public static let parameters = [
        GeneratorParameter("n", "number of nodes"),
        GeneratorParameter("m", "number of edges"),
        GeneratorParameter("directed", default: "false", "arcs instead of edges"),
    ]
    public var n: Int
    public var m: Int
    public var directed: Bool

    public init(n: Int, m: Int, directed: Bool = false) {
        self.n = n
        self.m = m
        self.directed = directed
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        n = try q.int("n")
        directed = try q.bool("directed", default: false)
        let pairs = directed ? n * max(0, n - 1) : n * max(0, n - 1) / 2
        m = try q.int("m", max: pairs)
        try q.checkAllRead(known: Self.parameters)
    }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        let pairs = directed ? n * max(0, n - 1) : n * max(0, n - 1) / 2
        guard m <= pairs else { throw GeneratorError.infeasible(model: Self.model, reason: "m = \(m) exceeds the \(pairs) possible pairs") }
        let chosen = rng.sampleWithoutReplacement(m, from: pairs).sorted()
        var sources = [UInt32](), targets = [UInt32]()
        sources.reserveCapacity(m)
        targets.reserveCapacity(m)
        if directed {
            for k in chosen {
                let a = k / (n - 1), r = k % (n - 1)
                sources.append(UInt32(a))
                targets.append(UInt32(r < a ? r : r + 1))
            }
        } else {
            // Walk rows in step with the sorted pair indices.
            var i = 0, rowStart = 0
            for k in chosen {
                while k >= rowStart + (n - 1 - i) {
                    rowStart += n - 1 - i
                    i += 1
                }
                sources.append(UInt32(i))
                targets.append(UInt32(i + 1 + k - rowStart))
            }
        }
        return Graph.assembleSimple(nodes: NodeTable(count: n), directed: directed, sources: sources, targets: targets)
    }
}
