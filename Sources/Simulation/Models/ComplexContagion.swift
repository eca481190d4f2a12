/// Complex contagion (Centola & Macy 2007): an agent adopts once at least k distinct neighbours
/// have adopted, or at least a fraction φ of its in-neighbours. Practices that are costly or
/// risky spread this way: one colleague is not enough, reinforcement from several is.
public struct ComplexContagion: DiffusionModel {
    public static let name = "complex-contagion"

    public enum Rule: Sendable, Equatable {
        /// At least k adopting neighbours.
        case absolute(Int)
        /// At least this fraction of in-neighbours (rounded up to a whole neighbour, at least one).
        case fraction(Double)
    }

    public var rule: Rule

    public init(rule: Rule) { self.rule = rule }

    public func validate(_ population: Population) throws {
        switch rule {
        case let .absolute(k):
            guard k >= 1 else { throw SimulationError.outOfRange(parameter: "complex-contagion k", value: Double(k), allowed: "an integer ≥ 1") }
        case let .fraction(phi):
            guard phi > 0, phi <= 1 else { throw SimulationError.outOfRange(parameter: "complex-contagion fraction", value: phi, allowed: "(0, 1]") }
        }
    }

    public struct Workspace {
        var count: [Int32]
        var needed: [Int32]
        /// Needed counts before training, to restore trained agents and newcomers.
        var neededBaseline: [Int32]
    }

    /// Ties added by interventions are one more distinct contact; training scales k (at least one).
    public static var interventionSupport: InterventionSupport { [.addedTies, .training, .departures] }

    public func makeWorkspace(_ population: Population) -> Workspace {
        let needed: [Int32] = population.inDegree.map { d in
            switch rule {
            case let .absolute(k): return Int32(k)
            case let .fraction(phi): return max(1, Int32((phi * Double(d) - 1e-9).rounded(.up)))
            }
        }
        return Workspace(count: [Int32](repeating: 0, count: population.count), needed: needed, neededBaseline: needed)
    }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {}

    public func finish(_ r: inout Replicate, _ w: inout Workspace) {
        r.resetPushed(&w.count, to: 0)
        for v in r.interventionTouched { w.needed[Int(v)] = w.neededBaseline[Int(v)] }
    }

    @inline(__always)
    func push(_ u: Int, from v: Int32, _ r: inout Replicate, _ w: inout Workspace, at time: Double) {
        w.count[u] += 1
        if w.count[u] >= w.needed[u] && r.agents.state[u] < AdoptionState.adopted.rawValue { r.adopt(u, at: time, from: v) }
    }

    func recheck(_ u: Int, _ r: inout Replicate, _ w: Workspace) {
        if w.count[u] > 0 && w.count[u] >= w.needed[u] && r.agents.state[u] < AdoptionState.adopted.rawValue { r.adopt(u, at: Double(r.time)) }
    }

    public func tieAdded(_ r: inout Replicate, _ w: inout Workspace, from v: Int, to u: Int) {
        push(u, from: Int32(v), &r, &w, at: Double(r.time))
    }

    public func trained(_ r: inout Replicate, _ w: inout Workspace, agent u: Int, factor: Double) {
        w.needed[u] = max(1, Int32((Double(w.needed[u]) * factor - 1e-9).rounded(.up)))
        recheck(u, &r, w)
    }

    public func arrived(_ r: inout Replicate, _ w: inout Workspace, agent u: Int) {
        w.needed[u] = w.neededBaseline[u]
        recheck(u, &r, w)
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        let time = Double(t)
        let adopted = AdoptionState.adopted.rawValue
        let population = r.population
        for v in frontier {
            for p in population.offsets[Int(v)]..<population.offsets[Int(v) + 1] {
                let u = Int(population.targets[p])
                w.count[u] += 1
                if w.count[u] >= w.needed[u] && r.agents.state[u] < adopted { r.adopt(u, at: time, from: v) }
            }
            if !r.overlay.isEmpty {
                for u in r.overlay.liveTargets(from: Int(v), at: r.time) {
                    push(u, from: v, &r, &w, at: time)
                }
            }
        }
        return !r.recent.isEmpty
    }
}

extension ComplexContagion: CatalogModel {
    public static let summary = "an agent adopts once at least k contacts (or a fraction of them) have adopted"
    public static let parameters = [
        CatalogParameter("k", .integer(min: 1), "adopting contacts needed (give k or fraction)"),
        CatalogParameter("fraction", .probability, "share of contacts needed (give k or fraction)"),
    ]

    public static var example: [String: ParameterValue] { ["k": .integer(2)] }

    public init(parameters: CatalogValues) throws {
        switch (parameters.integer("k"), parameters.number("fraction")) {
        case let (k?, nil): self.init(rule: .absolute(k))
        case let (nil, f?): self.init(rule: .fraction(f))
        case (.some, .some): throw SimulationError.unsupported("complex-contagion takes k or fraction, not both")
        default: throw SimulationError.unsupported("complex-contagion needs k (adopting neighbours) or fraction")
        }
    }
}
