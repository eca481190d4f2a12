import Graphs

/// Network weaving (Krebs & Holley): a weaver spends a budget of introductions on bridging ties
/// between groups that are poorly connected — organisations, or the network's own communities.
/// Group pairs are served round-robin in a random order, so the budget spreads across all pairs;
/// endpoints are random members, or each group's best-connected members in turn (`connectors`).
public struct NetworkWeaving: Intervention {
    public static let kind = "weaving"

    public enum Between: Sendable, Equatable {
        /// Levels of a categorical attribute (organisation).
        case attribute(String)
        /// Leiden communities of the network.
        case communities
    }

    public var name: String?
    public var schedule: Schedule
    /// Ties per occurrence.
    public var budget: Int
    public var between: Between
    public var connectors: Bool
    public var tieLifetime: TieLifetime
    /// Members of each group; best connected first when `connectors`.
    var groups: [[Int]]?

    public init(name: String? = nil, at schedule: Schedule, budget: Int, between: Between = .attribute("organisation"),
                connectors: Bool = false, tieLifetime: TieLifetime = .permanent) {
        self.name = name
        self.schedule = schedule
        self.budget = budget
        self.between = between
        self.connectors = connectors
        self.tieLifetime = tieLifetime
    }

    public var label: String { name ?? Self.kind }
    public var needs: InterventionSupport { .addedTies }

    public func validate(_ population: Population) throws {
        guard budget >= 0 else { throw SimulationError.outOfRange(parameter: "\(label) budget", value: Double(budget), allowed: "≥ 0 ties") }
        let n = Double(population.count), pairs = n * (n - 1) / 2
        guard Double(budget) <= pairs else {
            throw SimulationError.outOfRange(parameter: "\(label) budget", value: Double(budget),
                                             allowed: "at most the \(String(format: "%.0f", pairs)) pairs of people in the network")
        }
        try NetworkEvent.checkTies(Double(budget), label)
        if case let .attribute(name) = between { _ = try population.group(name) }
        try tieLifetime.validate(label)
    }

    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention {
        guard groups == nil else { return self }
        var copy = self
        var members: [[Int]]
        switch between {
        case let .attribute(name):
            let group = try population.group(name)
            members = [[Int]](repeating: [], count: group.levels.count)
            for v in group.codes.indices where group.codes[v] >= 0 { members[Int(group.codes[v])].append(v) }
        case .communities:
            members = Leiden(seed: seed).communities(population.graph).members
        }
        members = members.filter { !$0.isEmpty }
        guard members.count >= 2 else {
            throw SimulationError.unsupported("\(label): weaving needs at least two groups to bridge, found \(members.count)")
        }
        if connectors {
            let degree = { (v: Int) in population.offsets[v + 1] - population.offsets[v] }
            members = members.map { $0.sorted { degree($0) != degree($1) ? degree($0) > degree($1) : $0 < $1 } }
        }
        copy.groups = members
        return copy
    }

    public func apply(_ r: inout Replicate) {
        let groups = self.groups!
        var pairs: [(Int, Int)] = []
        for a in groups.indices { for b in (a + 1)..<groups.count { pairs.append((a, b)) } }
        r.interventionRNG.shuffle(&pairs)
        var turn = [Int](repeating: 0, count: groups.count)
        func pick(_ g: Int, _ r: inout Replicate) -> Int? {
            let present = groups[g]
            for _ in 0..<present.count {
                let v: Int
                if connectors {
                    v = present[turn[g] % present.count]
                    turn[g] += 1
                } else {
                    v = present[r.interventionRNG.nextInt(below: present.count)]
                }
                if !r.agents.isRemoved(v) { return v }
            }
            return nil
        }
        for k in 0..<budget {
            let (a, b) = pairs[k % pairs.count]
            if let v = pick(a, &r), let u = pick(b, &r) {
                r.addTie(v, u, expires: tieLifetime.expiry(at: r.time, using: &r.interventionRNG))
            }
        }
    }
}

extension NetworkWeaving: CatalogIntervention {
    public static let summary = "network weaving: a budget of introductions spent on bridging ties between poorly connected groups"
    public static let parameters = [
        CatalogParameter("budget", .integer(min: 0), required: true, "ties made per occurrence"),
        CatalogParameter("between", .text, default: "organisation", "an attribute whose groups are bridged, or communities (Leiden)"),
        CatalogParameter("connectors", .flag, default: "false", "best-connected members first instead of random members"),
        CatalogParameter("tie_half_life", .positive, "steps until half the woven ties have faded (none: permanent)"),
    ]

    public init(name: String?, schedule: Schedule, parameters p: CatalogValues) throws {
        let between = p.text("between") ?? "organisation"
        self.init(name: name, at: schedule, budget: p.integer("budget") ?? 0,
                  between: between == "communities" ? .communities : .attribute(between), connectors: p.flag("connectors"),
                  tieLifetime: p.number("tie_half_life").map { .halfLife($0) } ?? .permanent)
    }
}
