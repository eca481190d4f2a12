import NumericCore

/// Linear threshold (Granovetter 1978; Kempe et al. 2003): each agent adopts once the summed
/// influence of its adopting in-neighbours reaches its threshold. Influence of arc u → v is
/// 1 / in-degree(v) (every neighbour counts equally), or the arc weight when `useWeights`.
///
/// Influence is pushed from new adopters only, so a step costs the arcs of the agents that just
/// adopted: O(m) per replicate even for a global cascade.
public struct LinearThreshold: DiffusionModel {
    public static let name = "linear-threshold"

    public enum Thresholds: Sendable, Equatable {
        /// Every agent has the same threshold.
        case fixed(Double)
        /// Uniform on [0, 1) per agent and replicate (Kempe et al.), from the `.thresholds` stream.
        case uniform
        /// From a numeric node attribute (NaN: the fallback).
        case attribute(String, fallback: Double)
    }

    public var thresholds: Thresholds
    public var useWeights: Bool

    public init(thresholds: Thresholds, useWeights: Bool = false) {
        self.thresholds = thresholds
        self.useWeights = useWeights
    }

    public func validate(_ population: Population) throws {
        switch thresholds {
        case let .fixed(theta): try SimulationError.probability("linear-threshold threshold", theta)
        case .uniform: break
        case let .attribute(name, fallback):
            guard case .numeric? = population.graph.nodes[attribute: name] else {
                throw SimulationError.unknownAttribute(name, available: population.graph.nodes.attributeNames)
            }
            try SimulationError.probability("linear-threshold fallback threshold", fallback)
        }
        if useWeights && population.weights == nil {
            throw SimulationError.unsupported("linear-threshold with weights needs a weighted network")
        }
    }

    public struct Workspace {
        var influence: [Double]
        var arcInfluence: [Double]
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        let arc: [Double] = useWeights ? population.weights! : population.targets.map { 1 / Double(max(1, population.inDegree[Int($0)])) }
        return Workspace(influence: [Double](repeating: 0, count: population.count), arcInfluence: arc)
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        for i in w.influence.indices { w.influence[i] = 0 }
        switch thresholds {
        case let .fixed(theta):
            for i in 0..<r.agents.count { r.agents.threshold[i] = theta }
        case .uniform:
            var rng = Xoshiro256PlusPlus(seed: r.rng.next(), replicate: UInt64(r.index), purpose: .thresholds)
            for i in 0..<r.agents.count { r.agents.threshold[i] = rng.nextUnitDouble() }
        case let .attribute(name, fallback):
            if case let .numeric(values)? = r.population.graph.nodes[attribute: name] {
                for i in 0..<r.agents.count { r.agents.threshold[i] = values[i].isNaN ? fallback : values[i] }
            }
        }
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let time = Double(t)
        let adopted = AdoptionState.adopted.rawValue
        let population = r.population
        population.offsets.withUnsafeBufferPointer { offsets in
        population.targets.withUnsafeBufferPointer { targets in
        w.arcInfluence.withUnsafeBufferPointer { arc in
        w.influence.withUnsafeMutableBufferPointer { influence in
            for v in frontier {
                for p in offsets[Int(v)]..<offsets[Int(v) + 1] {
                    let u = Int(targets[p])
                    influence[u] += arc[p]
                    // A small tolerance so that k of k neighbours (1/k summed k times) meets θ = 1.
                    if influence[u] >= r.agents.threshold[u] - 1e-12 && r.agents.state[u] < adopted {
                        r.adopt(u, at: time, from: v)
                    }
                }
            }
        }
        }
        }
        }
        return !r.recent.isEmpty
    }
}
