import NumericCore

/// Watts–Strogatz small world: a ring where each node ties to its k nearest neighbours, each tie
/// rewired with probability p to a uniformly random node (no loops, no repeats), as networkx does.
/// Low p keeps the ring's clustering while paths shrink to a few steps.
public struct WattsStrogatz: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) { (Double(n), Double(n) * Double(k) / 2) }

    public static let model = "watts-strogatz"
    public static let summary = "Small world: ring lattice of degree k, each tie rewired with probability p."
    public static let parameters = [
        GeneratorParameter("n", "number of nodes"),
        GeneratorParameter("k", "each node's neighbours on the ring (even; odd k rounds down as in networkx)"),
        GeneratorParameter("p", "rewiring probability per tie"),
    ]
    public var n: Int
    public var k: Int
    public var p: Double

    public init(n: Int, k: Int, p: Double) {
        self.n = n
        self.k = k
        self.p = p
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        n = try q.int("n", min: 1)
        k = try q.int("k", min: 0, max: max(0, n - 1))
        p = try q.probability("p")
        try q.checkAllRead(known: Self.parameters)
    }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        guard k < n else { throw GeneratorError.invalidValue(model: Self.model, name: "k", value: "\(k)", expected: "k < n = \(n)") }
        let half = k / 2
        var sources = [UInt32](), targets = [UInt32]()
        sources.reserveCapacity(n * half)
        targets.reserveCapacity(n * half)
        var present = Set<UInt64>(minimumCapacity: n * half)
        func key(_ a: Int, _ b: Int) -> UInt64 { UInt64(min(a, b)) << 32 | UInt64(max(a, b)) }
        for j in 1...max(1, half) where half > 0 {
            for u in 0..<n {
                sources.append(UInt32(u))
                targets.append(UInt32((u + j) % n))
                present.insert(key(u, (u + j) % n))
            }
        }
        var degree = [Int](repeating: k - (k % 2), count: n)
        // Rewire round by round (nearest ring neighbours first), as networkx does.
        let skip = GeometricSkip(probability: p)
        var e = skip.nextSkip(using: &rng)
        while e < sources.count {
            let u = Int(sources[e]), v = Int(targets[e])
            if degree[u] < n - 1 {
                var w = rng.nextInt(below: n)
                while w == u || present.contains(key(u, w)) { w = rng.nextInt(below: n) }
                present.remove(key(u, v))
                present.insert(key(u, w))
                targets[e] = UInt32(w)
                degree[v] -= 1
                degree[w] += 1
            }
            let s = skip.nextSkip(using: &rng)
            e = s >= sources.count - e ? sources.count : e + s + 1
        }
        return Graph.assembleSimple(nodes: NodeTable(count: n), directed: false, sources: sources, targets: targets)
    }
}
