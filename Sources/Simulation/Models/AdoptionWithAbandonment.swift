import NumericCore

/// Adoption with abandonment in discrete time, the SIR/SIS family: each step every adopter
/// converts each eligible out-neighbour with probability β, then abandons with probability γ.
/// Abandoners are immune (SIR: the practice was tried and dropped) unless `readoption` lets them
/// adopt again (SIS). Ends when no one practises any more.
public struct AdoptionWithAbandonment: DiffusionModel {
    public static let name = "adoption-abandonment"
    public var transmission: Double
    public var abandonment: Double
    public var readoption: Bool

    public init(transmission beta: Double, abandonment gamma: Double, readoption: Bool = false) {
        transmission = beta
        abandonment = gamma
        self.readoption = readoption
    }

    public func validate(_ population: Population) throws {
        try SimulationError.probability("adoption-abandonment transmission β", transmission)
        try SimulationError.probability("adoption-abandonment abandonment γ", abandonment)
    }

    public struct Workspace {
        /// Current adopters, in a deterministic order (appended on adoption, swap-removed on lapse).
        var active: [Int32] = []
        var position: [Int32]

        /// Swap-removes the i-th active agent (order stays deterministic).
        mutating func removeActive(at i: Int) {
            position[Int(active[i])] = -1
            let last = active.removeLast()
            if i < active.count {
                active[i] = last
                position[Int(last)] = Int32(i)
            }
        }
    }

    public func makeWorkspace(_ population: Population) -> Workspace {
        Workspace(position: [Int32](repeating: -1, count: population.count))
    }

    /// Adopters push along added ties every step like along any other; departed agents drop out of the active list.
    public static var interventionSupport: InterventionSupport { [.addedTies, .departures] }

    public func begin(_ r: inout Replicate, _ w: inout Workspace) {
        for v in w.active { w.position[Int(v)] = -1 }
        w.active.removeAll(keepingCapacity: true)
    }

    public func step(_ r: inout Replicate, _ w: inout Workspace, frontier: [Int32], to t: Int) -> Bool {
        for v in frontier where w.position[Int(v)] < 0 && r.agents.isAdopted(Int(v)) {
            w.position[Int(v)] = Int32(w.active.count)
            w.active.append(v)
        }
        if r.departures > 0 { dropDeparted(&r, &w) }
        let time = Double(t)
        let population = r.population
        let adopted = AdoptionState.adopted.rawValue, lapsed = AdoptionState.lapsed.rawValue
        if transmission > 0 {
            let skip = GeometricSkip(probability: transmission)
            for v in w.active {
                let end = population.offsets[Int(v) + 1]
                var p = population.offsets[Int(v)] + skip.nextSkip(using: &r.rng)
                while p < end {
                    let u = Int(population.targets[p])
                    let s = r.agents.state[u]
                    if s < adopted || (readoption && s == lapsed) { r.adopt(u, at: time, from: v) }
                    let k = skip.nextSkip(using: &r.rng)
                    p = k >= end - p ? end : p + k + 1
                }
                for u in r.overlay.liveTargets(from: Int(v), at: r.time) {
                    let s = r.agents.state[u]
                    if r.rng.bernoulli(transmission) && (s < adopted || (readoption && s == lapsed)) { r.adopt(u, at: time, from: v) }
                }
            }
        }
        // Abandonment among those who were adopters before this step (this step's converts start next step).
        var i = 0
        while i < w.active.count {
            let v = Int(w.active[i])
            if r.rng.bernoulli(abandonment) {
                r.lapse(v)
                w.removeActive(at: i)
            } else {
                i += 1
            }
        }
        return !w.active.isEmpty || !r.recent.isEmpty
    }

    /// Takes agents who are no longer adopters (removed, or replaced by a newcomer) off the active list.
    func dropDeparted(_ r: inout Replicate, _ w: inout Workspace) {
        var i = 0
        while i < w.active.count {
            let v = Int(w.active[i])
            if r.agents.isAdopted(v) { i += 1 } else { w.removeActive(at: i) }
        }
    }
}

extension AdoptionWithAbandonment: CatalogModel {
    public static let summary = "adopters pass the practice on with probability β per contact and step, and abandon it with probability γ"
    public static let parameters = [
        CatalogParameter("transmission", .probability, required: true, "β: probability per adopting contact and step"),
        CatalogParameter("abandonment", .probability, required: true, "γ: probability per step that an adopter stops"),
        CatalogParameter("readoption", .flag, default: "false", "those who stopped can take it up again (SIS)"),
    ]

    public init(parameters: CatalogValues) throws {
        self.init(transmission: try parameters.requiredNumber("transmission"), abandonment: try parameters.requiredNumber("abandonment"),
                  readoption: parameters.flag("readoption"))
    }
}
