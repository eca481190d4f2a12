import NumericCore

/// Barabási–Albert preferential attachment: each new node ties to m distinct existing nodes chosen
/// with probability proportional to degree, in O(n·m) through the list of edge endpoints
/// (Batagelj & Brandes 2005). Starts from a star on m + 1 nodes, as networkx ≥ 2 does, so the
/// graph has m(n − m) edges like `networkx.barabasi_albert_graph`. Gives the hubs of real networks.
public struct BarabasiAlbert: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) { (Double(n), Double(n) * Double(m)) }

    public static let model = "barabasi-albert"
    public static let summary = "Preferential attachment: each new node ties to m existing nodes, proportional to degree."
    public static let parameters = [
        GeneratorParameter("n", "number of nodes"),
        GeneratorParameter("m", "ties added with each new node"),
    ]
    public var n: Int
    public var m: Int

    public init(n: Int, m: Int) {
        self.n = n
        self.m = m
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        n = try q.int("n", min: 2)
        m = try q.int("m", min: 1, max: n - 1)
        try q.checkAllRead(known: Self.parameters)
    }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        guard m >= 1, m < n else { throw GeneratorError.invalidValue(model: Self.model, name: "m", value: "\(m)", expected: "1 ≤ m < n = \(n)") }
        let edges = m * (n - m)
        var sources = [UInt32](), targets = [UInt32]()
        sources.reserveCapacity(edges)
        targets.reserveCapacity(edges)
        // Every edge puts both ends here, so a uniform pick is a degree-proportional pick.
        var endpoints = [UInt32]()
        endpoints.reserveCapacity(2 * edges)
        for leaf in 1...m {
            sources.append(0)
            targets.append(UInt32(leaf))
            endpoints.append(0)
            endpoints.append(UInt32(leaf))
        }
        var chosen = [UInt32](repeating: 0, count: m)
        for v in (m + 1)..<max(m + 1, n) {
            var count = 0
            while count < m {
                let t = endpoints[rng.nextInt(below: endpoints.count)]
                if !chosen[0..<count].contains(t) {
                    chosen[count] = t
                    count += 1
                }
            }
            for t in chosen {
                sources.append(UInt32(v))
                targets.append(t)
                endpoints.append(t)
                endpoints.append(UInt32(v))
            }
        }
        return Graph.assembleSimple(nodes: NodeTable(count: n), directed: false, sources: sources, targets: targets)
    }
}
