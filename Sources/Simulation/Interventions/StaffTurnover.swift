/// Staff turnover: at each occurrence a share of posts changes hands. The newcomer keeps the
/// post's working ties (the same team) but not the leaver's adoption, commitment, training or the
/// personal ties interventions made; it gets `freshTies` new ties within its own group of
/// `attribute` (settling in). A stress test for how much of a change lives in people, not posts.
public struct StaffTurnover: Intervention {
    public static let kind = "turnover"
    public var name: String?
    public var schedule: Schedule
    /// Share of the present staff replaced per occurrence (exactly round(share · n), drawn at random).
    public var share: Double
    public var freshTies: Int
    /// The group newcomers' fresh ties stay within (default: organisation, if present; else anyone).
    public var attribute: String?
    var codes: [Int32]?
    var pools: [[Int]]?

    public init(name: String? = nil, at schedule: Schedule, share: Double, freshTies: Int = 0, attribute: String? = nil) {
        self.name = name
        self.schedule = schedule
        self.share = share
        self.freshTies = freshTies
        self.attribute = attribute
    }

    public var label: String { name ?? Self.kind }
    public var needs: InterventionSupport { freshTies > 0 ? [.departures, .addedTies] : .departures }

    public func validate(_ population: Population) throws {
        try SimulationError.probability("\(label) share", share)
        guard freshTies >= 0 else { throw SimulationError.outOfRange(parameter: "\(label) fresh ties", value: Double(freshTies), allowed: "≥ 0") }
        if let attribute { _ = try population.group(attribute) }
    }

    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention {
        guard pools == nil else { return self }
        var copy = self
        if let name = attribute ?? (population.groups["organisation"] != nil ? "organisation" : nil) {
            let group = try population.group(name)
            var pools = [[Int]](repeating: [], count: group.levels.count)
            for v in group.codes.indices where group.codes[v] >= 0 { pools[Int(group.codes[v])].append(v) }
            copy.codes = group.codes
            copy.pools = pools
        }
        return copy
    }

    public func apply(_ r: inout Replicate) {
        let n = r.population.count
        let present = (0..<n).filter { !r.agents.isRemoved($0) }
        let leaving = Int((share * Double(present.count)).rounded())
        let chosen = r.interventionRNG.sampleWithoutReplacement(leaving, from: present.count).map { present[$0] }
        for v in chosen { r.replace(v) }
        guard freshTies > 0 else { return }
        for v in chosen {
            let pool = codes.flatMap { codes in codes[v] >= 0 ? pools![Int(codes[v])] : nil } ?? present
            guard pool.count > 1 else { continue }
            for _ in 0..<freshTies {
                let u = pool[r.interventionRNG.nextInt(below: pool.count)]
                if u != v { r.addTie(v, u) }
            }
        }
    }
}

extension StaffTurnover: CatalogIntervention {
    public static let summary = "staff turnover: a share of posts changes hands; newcomers keep the post's ties but not the leaver's adoption, commitment or training"
    public static let parameters = [
        CatalogParameter("share", .probability, required: true, "share of present staff replaced per occurrence"),
        CatalogParameter("fresh_ties", .integer(min: 0), default: "0", "new ties each newcomer makes within its group"),
        CatalogParameter("attribute", .text, default: "organisation", "the group newcomers' fresh ties stay within"),
    ]

    public init(name: String?, schedule: Schedule, parameters p: CatalogValues) throws {
        self.init(name: name, at: schedule, share: p.number("share", default: 0), freshTies: p.integer("fresh_ties") ?? 0,
                  attribute: p.text("attribute"))
    }
}
