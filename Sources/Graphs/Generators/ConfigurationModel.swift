import Foundation
import NumericCore

/// The configuration model: a random graph with a given degree sequence (from a file, a list, or
/// drawn from a power law), by shuffling and pairing edge stubs. Self-loops and repeated pairs
/// that stub matching produces are erased, so a few high degrees come out slightly lower
/// (networkx returns a multigraph instead; `Graph(nx.configuration_model(d))` erases them the same way).
public struct ConfigurationModel: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) {
        switch degrees {
        case let .given(list): return (Double(list.count), list.reduce(0.0) { $0 + Double($1) } / 2)
        case let .powerLaw(n, _, minimum, maximum): return (Double(n), Double(n) * Double(minimum + maximum) / 4)
        }
    }

    public static let model = "configuration"
    public static let summary = "Random graph with a given degree sequence (file, list, or power law)."
    public static let parameters = [
        GeneratorParameter("degrees", "degree sequence: comma-separated list, or a file with one degree per line"),
        GeneratorParameter("n", "nodes, when drawing degrees from a power law"),
        GeneratorParameter("exponent", default: "2.5", "power-law exponent γ of P(k) ∝ k^−γ"),
        GeneratorParameter("min_degree", default: "1", "smallest degree drawn"),
        GeneratorParameter("max_degree", "largest degree drawn (default: √n·min_degree, the structural cut-off)"),
    ]
    public enum Degrees: Sendable, Equatable {
        case given([Int])
        case powerLaw(n: Int, exponent: Double, minimum: Int, maximum: Int)
    }
    public var degrees: Degrees

    public init(degrees: Degrees) { self.degrees = degrees }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        if let text = q.optionalString("degrees") {
            let body: String
            if text.contains(",") || Int(text) != nil {
                body = text
            } else {
                guard let contents = try? String(contentsOfFile: text, encoding: .utf8) else {
                    throw GeneratorError.invalidValue(model: Self.model, name: "degrees", value: text, expected: "a comma-separated list or a readable file")
                }
                body = contents
            }
            var list: [Int] = []
            for (i, item) in body.split(whereSeparator: { $0 == "," || $0.isNewline }).enumerated() {
                let token = item.trimmingCharacters(in: .whitespaces)
                if token.isEmpty || token.hasPrefix("#") { continue }
                guard let d = Int(token), d >= 0 else {
                    throw GeneratorError.invalidValue(model: Self.model, name: "degrees", value: token,
                                                     expected: "non-negative integer degrees (item \(i + 1))")
                }
                list.append(d)
            }
            // A node cannot have more ties than there are other nodes (and sums then cannot overflow).
            if let bad = list.first(where: { $0 >= list.count }) {
                throw GeneratorError.invalidValue(model: Self.model, name: "degrees", value: String(bad),
                                                 expected: "degrees below the number of nodes (\(list.count))")
            }
            guard list.reduce(0, +) % 2 == 0 else {
                throw GeneratorError.invalidValue(model: Self.model, name: "degrees", value: "sum \(list.reduce(0, +))", expected: "an even degree sum")
            }
            degrees = .given(list)
            _ = q.optionalString("n")
        } else {
            let n = try q.int("n", min: 1)
            let exponent = try q.double("exponent", default: 2.5, min: 1.01, max: 10, expected: "an exponent in (1, 10]")
            let minimum = try q.int("min_degree", default: 1, min: 1, max: n - 1)
            let cutoff = min(n - 1, max(minimum, Int((Double(n).squareRoot() * Double(minimum)).rounded())))
            let maximum = try q.int("max_degree", default: cutoff, min: minimum, max: n - 1)
            degrees = .powerLaw(n: n, exponent: exponent, minimum: minimum, maximum: maximum)
        }
        try q.checkAllRead(known: Self.parameters)
    }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        var sequence: [Int]
        switch degrees {
        case let .given(list):
            sequence = list
        case let .powerLaw(n, exponent, minimum, maximum):
            let law = PowerLaw.integers(exponent: exponent, minimum: minimum, maximum: maximum)
            sequence = (0..<n).map { _ in law.nextFloor(using: &rng) }
            // An odd sum cannot be paired: give one random node one more stub.
            if sequence.reduce(0, +) % 2 == 1 {
                let v = rng.nextInt(below: n)
                sequence[v] += sequence[v] < maximum ? 1 : -1
            }
        }
        let graph = Self.pairStubs(degrees: sequence, rng: &rng)
        return graph
    }

    /// Uniform stub matching for a degree sequence with an even sum.
    static func pairStubs(degrees: [Int], rng: inout Xoshiro256PlusPlus) -> Graph {
        var stubs = [UInt32]()
        stubs.reserveCapacity(degrees.reduce(0, +))
        for (v, d) in degrees.enumerated() {
            for _ in 0..<d { stubs.append(UInt32(v)) }
        }
        rng.shuffle(&stubs)
        let half = stubs.count / 2
        return Graph.assembleSimple(nodes: NodeTable(count: degrees.count), directed: false,
                                    sources: Array(stubs[0..<half]), targets: Array(stubs[half..<(2 * half)]))
    }
}
