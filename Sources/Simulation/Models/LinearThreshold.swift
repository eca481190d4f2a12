import NumericCore

/// Linear threshold (Granovetter 1978; Kempe et al. 2003): each agent adopts once the summed
/// influence of its adopting in-neighbours reaches its threshold. Influence of arc u → v is
/// 1 / in-degree(v) (every neighbour counts equally), or the arc weight when `useWeights`.
///
/// Influence is pushed from new adopters only, so a step costs the arcs of the agents that just
/// adopted: O(m) per replicate even for a global cascade. With equal influence, "share of
/// neighbours ≥ θ" is "count ≥ ⌈θ · in-degree⌉", so each agent's adopting-neighbour count and the
/// count it needs share one 32-bit word: one memory access per arc, and the 100 000-agent array
/// fits in cache. Uniform thresholds are drawn when an agent is first influenced, from the
/// replicate's `.thresholds` stream, so untouched agents cost nothing.
public struct LinearThreshold: DiffusionModel {
    public static let name = "linear-threshold"

    public enum Thresholds: Sendable, Equatable {
        /// Every agent has the same threshold.
        case fixed(Double)
        /// Uniform on [0, 1) per agent and replicate (Kempe et al.).
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
            guard case let .numeric(values)? = population.graph.nodes[attribute: name] else {
                throw SimulationError.unknownAttribute(name, available: population.graph.nodes.attributeNames)
            }
            try SimulationError.probability("linear-threshold fallback threshold", fallback)
            // A missing value (empty cell) takes the fallback; a value written must be a threshold.
            if let v = values.firstIndex(where: { !$0.isNaN && !($0 >= 0 && $0 <= 1) }) {
                throw SimulationError.outOfRange(parameter: "linear-threshold threshold of \(population.graph.nodes.label(v)) (attribute \(name))",
                                                 value: values[v], allowed: "[0, 1]")
            }
        }
        if useWeights && population.weights == nil {
            throw SimulationError.unsupported("linear-threshold with weights needs a weighted network")
        }
    }

    public struct Workspace {
        /// Counting form: count in the low 16 bits, needed count in the high 16 (0: not drawn yet).
        var packed: [UInt32]
        /// The packed word each agent starts a replicate with.
        var baseline: [UInt32]
        var counting: Bool
        /// Thresholds are the same in every replicate (fixed or from an attribute).
        var thresholdsStatic: Bool
        /// Weighted form.
        var influence: [Double]
        var threshold: [Double]
        /// Static thresholds of the weighted form, to restore trained agents (empty when drawn).
        var thresholdBaseline: [Double]
        /// Influence of a tie added by an intervention in the weighted form: the mean arc weight.
        var addedTieWeight: Double
        var thresholdStream = Xoshiro256PlusPlus(seed: 0)
    }

    /// Ties added by interventions count like any tie of the target (one more adopting contact; the
    /// mean arc weight when weighted); training scales thresholds; newcomers keep the post's
    /// contacts but bring their own threshold.
    public static var interventionSupport: InterventionSupport { [.addedTies, .training, .departures] }

    /// Fixed thresholds without interventions or waning: 64 replicates per pass (`ThresholdLanes`).
    public func batchedKernel(for ensemble: Ensemble, on population: Population) -> (any BatchedKernel)? {
        guard ensemble.interventions.isEmpty, ensemble.waning == nil else { return nil }
        return ThresholdLanes(self, population)
    }

    /// Static thresholds (fixed or from an attribute); nil when drawn per replicate.
    func staticThreshold(_ population: Population) -> [Double]? {
        switch thresholds {
        case let .fixed(theta): return [Double](repeating: theta, count: population.count)
        case .uniform: return nil
        case let .attribute(name, fallback):
            guard case let .numeric(values)? = population.graph.nodes[attribute: name] else { return nil }
            return values.map { $0.isNaN ? fallback : $0 }
        }
    }

    static func needed(_ theta: Double, inDegree: Int32) -> UInt32 {
        UInt32(max(1, min(Double(inDegree), (theta * Double(inDegree) - 1e-9).rounded(.up))))
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        let n = population.count
        let counting = !useWeights && (population.inDegree.max() ?? 0) < 0xFFFF
        let fixed = staticThreshold(population)
        var baseline = [UInt32]()
        if counting {
            baseline = (0..<n).map { v in fixed.map { Self.needed($0[v], inDegree: population.inDegree[v]) << 16 } ?? 0 }
        }
        let weights = population.weights ?? []
        return Workspace(packed: baseline, baseline: baseline, counting: counting, thresholdsStatic: fixed != nil,
                         influence: counting ? [] : [Double](repeating: 0, count: n),
                         threshold: counting ? [] : (fixed ?? [Double](repeating: .nan, count: n)),
                         thresholdBaseline: counting ? [] : (fixed ?? []),
                         addedTieWeight: weights.isEmpty ? 0 : weights.reduce(0, +) / Double(weights.count))
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        w.thresholdStream = Xoshiro256PlusPlus(seed: r.rng.next(), replicate: UInt64(r.index), purpose: .thresholds)
    }

    public func finish(_ r: inout Replicate, _ w: inout Workspace) {
        if w.counting {
            r.resetPushed(&w.packed, from: w.baseline)
            for v in r.interventionTouched { w.packed[Int(v)] = w.baseline[Int(v)] }
        } else {
            let redraw = !w.thresholdsStatic
            r.forEachNeighbourOfTouched {
                w.influence[$0] = 0
                if redraw { w.threshold[$0] = .nan }
            }
            for v in r.interventionTouched { w.threshold[Int(v)] = redraw ? .nan : w.thresholdBaseline[Int(v)] }
        }
    }

    // MARK: Interventions

    /// The packed word of u with its needed count drawn if it was not yet.
    @inline(__always)
    func drawn(_ u: Int, _ r: Replicate, _ w: inout Workspace) -> UInt32 {
        let word = w.packed[u]
        guard word >> 16 == 0 else { return word }
        return word | Self.needed(w.thresholdStream.nextUnitDouble(), inDegree: r.population.inDegree[u]) << 16
    }

    /// One adopting contact more for u (an influence push along an arc from v).
    @inline(__always)
    func push(_ u: Int, from v: Int32, _ r: inout Replicate, _ w: inout Workspace, at time: Double) {
        let adopted = AdoptionState.adopted.rawValue
        if w.counting {
            let word = drawn(u, r, &w) &+ 1
            w.packed[u] = word
            if word & 0xFFFF == word >> 16 && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
        } else {
            if w.threshold[u].isNaN { w.threshold[u] = w.thresholdStream.nextUnitDouble() }
            w.influence[u] += useWeights ? w.addedTieWeight : 1 / Double(max(1, r.population.inDegree[u]))
            if w.influence[u] >= w.threshold[u] - 1e-12 && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
        }
    }

    /// Adopts u now if its (new) bar is already met by at least one adopting contact.
    func recheck(_ u: Int, _ r: inout Replicate, _ w: Workspace) {
        guard r.agents.state[u] < AdoptionState.adopted.rawValue else { return }
        let met = w.counting ? (w.packed[u] & 0xFFFF > 0 && w.packed[u] & 0xFFFF >= w.packed[u] >> 16)
                             : (w.influence[u] > 0 && w.influence[u] >= w.threshold[u] - 1e-12)
        if met { r.adopt(u, at: Double(r.time)) }
    }

    public func tieAdded(_ r: inout Replicate, _ w: inout Workspace, from v: Int, to u: Int) {
        push(u, from: Int32(v), &r, &w, at: Double(r.time))
    }

    public func trained(_ r: inout Replicate, _ w: inout Workspace, agent u: Int, factor: Double) {
        if w.counting {
            let word = drawn(u, r, &w)
            let needed = max(1, UInt32((Double(word >> 16) * factor - 1e-9).rounded(.up)))
            w.packed[u] = needed << 16 | (word & 0xFFFF)
        } else {
            if w.threshold[u].isNaN { w.threshold[u] = w.thresholdStream.nextUnitDouble() }
            w.threshold[u] *= factor
        }
        recheck(u, &r, w)
    }

    public func arrived(_ r: inout Replicate, _ w: inout Workspace, agent u: Int) {
        if w.counting {
            w.packed[u] = (w.baseline[u] & 0xFFFF_0000) | (w.packed[u] & 0xFFFF)
            w.packed[u] = drawn(u, r, &w)
        } else {
            w.threshold[u] = w.thresholdsStatic ? w.thresholdBaseline[u] : w.thresholdStream.nextUnitDouble()
        }
        recheck(u, &r, w)
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let time = Double(t)
        let adopted = AdoptionState.adopted.rawValue
        let population = r.population
        if w.counting {
            let drawn = w.thresholdsStatic
            population.offsets.withUnsafeBufferPointer { offsets in
            population.targets.withUnsafeBufferPointer { targets in
            w.packed.withUnsafeMutableBufferPointer { packed in
                for v in frontier {
                    for p in offsets[Int(v)]..<offsets[Int(v) + 1] {
                        let u = Int(targets[p])
                        var word = packed[u]
                        if !drawn && word == 0 {
                            let theta = w.thresholdStream.nextUnitDouble()
                            word = Self.needed(theta, inDegree: population.inDegree[u]) << 16
                        }
                        word &+= 1
                        packed[u] = word
                        if word & 0xFFFF == word >> 16 && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
                    }
                }
            }
            }
            }
        } else {
            let arcWeight = population.weights
            for v in frontier {
                for p in population.offsets[Int(v)]..<population.offsets[Int(v) + 1] {
                    let u = Int(population.targets[p])
                    if w.threshold[u].isNaN { w.threshold[u] = w.thresholdStream.nextUnitDouble() }
                    w.influence[u] += useWeights ? arcWeight![p] : 1 / Double(max(1, population.inDegree[u]))
                    // A small tolerance so that k of k neighbours (1/k summed k times) meets θ = 1.
                    if w.influence[u] >= w.threshold[u] - 1e-12 && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
                }
            }
        }
        if !r.overlay.isEmpty {
            for v in frontier {
                for u in r.overlay.liveTargets(from: Int(v), at: r.time) {
                    push(u, from: v, &r, &w, at: time)
                }
            }
        }
        return !r.recent.isEmpty
    }
}

extension LinearThreshold: CatalogModel {
    public static let summary = "an agent adopts once the share (or weight) of its adopting contacts reaches its threshold"
    public static let parameters = [
        CatalogParameter("threshold", .perAgent(words: ["uniform"]), required: true,
                       "θ for everyone; uniform: drawn per agent and replicate; {attribute: NAME, fallback: 0.5}: per agent"),
        CatalogParameter("weights", .flag, default: "false", "influence in proportion to tie weights"),
    ]

    public init(parameters: CatalogValues) throws {
        let weights = parameters.flag("weights")
        switch try parameters.required("threshold") {
        case .word: self.init(thresholds: .uniform, useWeights: weights)
        case let .attribute(name, fallback): self.init(thresholds: .attribute(name, fallback: fallback), useWeights: weights)
        default: self.init(thresholds: .fixed(try parameters.requiredNumber("threshold")), useWeights: weights)
        }
    }
}
