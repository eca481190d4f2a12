import NumericCore

/// Stochastic block model: nodes in groups, each pair tied with the probability of its pair of
/// groups, in O(n + m) by geometric skipping per block. Groups are set as the `block` attribute.
public struct StochasticBlockModel: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) {
        var edges = 0.0
        for (i, a) in sizes.enumerated() {
            for (j, b) in sizes.enumerated() where j >= i && i < probabilities.count && j < probabilities[i].count {
                edges += probabilities[i][j] * (i == j ? Double(a) * Double(a - 1) / 2 : Double(a) * Double(b))
            }
        }
        return (sizes.reduce(0.0) { $0 + Double($1) }, edges)
    }

    public static let model = "sbm"
    public static let summary = "Stochastic block model: groups with their own tie probabilities within and between."
    public static let parameters = [
        GeneratorParameter("sizes", "group sizes, comma-separated (e.g. 50,50,100)"),
        GeneratorParameter("p_in", "tie probability within a group (with p_out)"),
        GeneratorParameter("p_out", "tie probability between groups (with p_in)"),
        GeneratorParameter("probabilities", "full matrix instead of p_in/p_out: rows separated by ';', e.g. 0.2,0.01;0.01,0.3"),
    ]
    public var sizes: [Int]
    /// Symmetric matrix of tie probabilities, row-major, groups × groups.
    public var probabilities: [[Double]]

    public init(sizes: [Int], probabilities: [[Double]]) {
        self.sizes = sizes
        self.probabilities = probabilities
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        let sizeTexts = try q.list("sizes")
        sizes = try sizeTexts.map {
            guard let s = Int($0), s >= 0 else { throw GeneratorError.invalidValue(model: Self.model, name: "sizes", value: $0, expected: "non-negative integers") }
            return s
        }
        guard !sizes.isEmpty else { throw GeneratorError.invalidValue(model: Self.model, name: "sizes", value: "", expected: "at least one group size") }
        let k = sizes.count
        if let text = q.optionalString("probabilities") {
            let rows = text.split(separator: ";").map { $0.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) } }
            guard rows.count == k, rows.allSatisfy({ $0.count == k }) else {
                throw GeneratorError.invalidValue(model: Self.model, name: "probabilities", value: text, expected: "a \(k)×\(k) matrix (one row per group)")
            }
            probabilities = try rows.map { try $0.map {
                guard let p = $0, p >= 0, p <= 1 else { throw GeneratorError.invalidValue(model: Self.model, name: "probabilities", value: text, expected: "probabilities in [0, 1]") }
                return p
            } }
            for a in 0..<k { for b in 0..<k where probabilities[a][b] != probabilities[b][a] {
                throw GeneratorError.invalidValue(model: Self.model, name: "probabilities", value: text, expected: "a symmetric matrix (entry \(a + 1),\(b + 1) differs from \(b + 1),\(a + 1))")
            } }
            _ = q.optionalString("p_in"); _ = q.optionalString("p_out")
        } else {
            let pin = try q.probability("p_in"), pout = try q.probability("p_out")
            probabilities = (0..<k).map { a in (0..<k).map { b in a == b ? pin : pout } }
        }
        try q.checkAllRead(known: Self.parameters)
    }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        var starts = [0]
        for s in sizes { starts.append(starts.last! + s) }
        let n = starts.last!
        var sources = [UInt32](), targets = [UInt32]()
        let add = { (u: Int, v: Int) in
            sources.append(UInt32(u))
            targets.append(UInt32(v))
        }
        for a in sizes.indices {
            BernoulliPairs.within(starts[a]..<starts[a + 1], probability: probabilities[a][a], rng: &rng, add)
            for b in (a + 1)..<sizes.count {
                BernoulliPairs.between(starts[a]..<starts[a + 1], starts[b]..<starts[b + 1], probability: probabilities[a][b], rng: &rng, add)
            }
        }
        var nodes = NodeTable(count: n)
        var codes = [Int32](repeating: 0, count: n)
        for a in sizes.indices { for v in starts[a]..<starts[a + 1] { codes[v] = Int32(a) } }
        nodes.setAttribute("block", .categorical(codes: codes, levels: sizes.indices.map { String($0) }))
        return Graph.assembleSimple(nodes: nodes, directed: false, sources: sources, targets: targets)
    }
}
