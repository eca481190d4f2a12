import Foundation
import Graphs

/// A scenario that runs the fitted network hazard model in the engine: Skein's `bass` model, whose
/// per-step adoption chance 1 − exp(−(p′ + q′·a)) equals the hazard 1 − (1 − p)(1 − q)^a with the
/// share a of alters adopted when p′ = −log(1 − p) and q′ = −log(1 − q); on the data's network with
/// ties turned to run from each nominee to the person who named them (influence flows to whoever
/// listens), seeded with the first period's adopters, for the data's periods.
public struct CalibratedScenario: Sendable {
    public var yaml: String
    /// The influence network, to be written beside the scenario as `network.graphml`.
    public var network: Graph

    public static let networkFile = "network.graphml"
    public static let scenarioFile = "calibrated.yaml"

    /// A flow mapping of the finite values among `fields` (an interval that could not be computed is left out).
    public static func record(_ fields: [(String, Double)]) -> String {
        "{" + fields.filter { $0.1.isFinite }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// `shareFit` must be a constant-baseline fit on the share scale without covariates.
    /// `cleared`: keys of the base's `network` and `seeding` blocks to remove (set to null), so the
    /// data's network and seeds replace the base's instead of merging into them.
    public init(_ data: DiffusionData, shareFit fit: NetworkHazardFit, dataFile: String, base: String? = nil,
                cleared: [String: [String]] = [:]) throws {
        let p = fit.estimates[0].estimate, q = fit.q.estimate
        let innovation = -log1p(-p), imitation = -log1p(-q)
        network = try Self.influenceNetwork(data.graph)
        let seeds = data.labels.indices.filter { data.adoption[$0] == 1 }.map { data.labels[$0] }
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines: [String] = []
        if let base { lines.append("extends: \(quoted(base))") }
        lines += [
            "name: \(quoted("Calibrated to \(URL(fileURLWithPath: dataFile).lastPathComponent)"))",
            "description: \(quoted("The network hazard model fitted by maximum likelihood (skein calibrate), run as Skein's bass model on the data's network."))",
            "assumptions:",
            "  - \(quoted("p = \(Self.number(p)) (95% \(Self.number(fit.estimates[0].low))–\(Self.number(fit.estimates[0].high))), q = \(Self.number(q)) (95% \(Self.number(fit.q.low))–\(Self.number(fit.q.high))) per period, exposure as the share of nominated alters who adopted (constant baseline, no covariates)"))",
            "  - \(quoted("the likelihood-ratio test of q = 0 gave LR \(String(format: "%.2f", fit.likelihoodRatio)), p = \(String(format: "%.3f", fit.pValue)); where it is not significant the network term is an assumption, not an estimate"))",
            "  - \(quoted("ties run from each nominee to whoever named them; the first period's \(seeds.count) adopters are the seeds"))",
            "network: {" + Self.nulls(cleared["network"], keeping: ["file", "directed"]) + "file: \(Self.networkFile), directed: true}",
            "model: {type: bass, innovation: \(Self.number(innovation)), imitation: \(Self.number(imitation))}",
            "seeding: {" + Self.nulls(cleared["seeding"], keeping: ["nodes"]) + "nodes: [" + seeds.map(quoted).joined(separator: ", ") + "]}",
            "horizon: \(max(1, data.periods - 1))",
            "replicates: 500",
            "seed: 0",
        ]
        // With a base, its question and arms stay: the fitted parameters answer them.
        if base == nil {
            lines.insert("question: \(quoted("How does adoption unfold in this network under the fitted model, and how close is it to what happened?"))", at: 2)
            lines.insert("step_unit: period", at: lines.firstIndex { $0.hasPrefix("network:") }!)
            lines.append("compare: none")
        }
        // The fit this scenario runs from (as the engine's per-step rates), kept in every run's manifest.
        lines += [
            "calibration:",
            "  file: calibration.json",
            "  method: \(quoted("network hazard model by maximum likelihood (share exposure, constant baseline); data \(URL(fileURLWithPath: dataFile).lastPathComponent)"))",
            "  parameters:",
            "    innovation: " + Self.record([("estimate", innovation), ("low", -log1p(-fit.estimates[0].low)), ("high", -log1p(-fit.estimates[0].high))]),
            "    imitation: " + Self.record([("estimate", imitation), ("low", -log1p(-max(0, fit.q.low))), ("high", -log1p(-fit.q.high))]),
        ]
        yaml = lines.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.6g", x) }

    /// `key: ~, ` for each key of the base's block that the calibrated block does not set.
    public static func nulls(_ keys: [String]?, keeping: [String]) -> String {
        (keys ?? []).filter { !keeping.contains($0) }.map { "\($0): ~, " }.joined()
    }

    /// The graph with every arc reversed (undirected graphs are returned as they are).
    public static func influenceNetwork(_ graph: Graph) throws -> Graph {
        guard graph.isDirected else { return graph }
        var builder = GraphBuilder(directed: true, duplicates: .sumWeights, selfLoops: .keep)
        for v in 0..<graph.nodeCount { _ = builder.addNode(graph.nodes.label(v)) }
        for name in graph.relationNames { _ = try builder.relationBit(name) }
        let offsets = graph.csrOffsets, targets = graph.csrTargets, weights = graph.csrWeights
        for u in 0..<graph.nodeCount {
            for p in offsets[u]..<offsets[u + 1] {
                builder.addEdge(Int(targets[p]), u, weight: weights?[p] ?? 1, relations: graph.relationMask(arc: p))
            }
        }
        var reversed = try builder.build(weighted: graph.isWeighted)
        for name in graph.nodes.attributeNames { if let column = graph.nodes[attribute: name] { reversed.nodes.setAttribute(name, column) } }
        return reversed
    }
}
