import NumericCore
/// A sprint, conference or network meeting: the participants meet, form new ties among
/// themselves (preferring people from other organisations), hear of the change, some adopt, and
/// their commitment is boosted: any combination, with any model that keeps what it changes.
///
/// Ties: each participant starts `tiesPerParticipant` ties with other participants; each tie
/// crosses the `boundary` attribute with probability `crossBoundary` (0.8: four in five ties link
/// different organisations, as a whole-system sprint's mixed tables aim for). Ties fade with a
/// half-life or last.
public struct NetworkEvent: Intervention {
    public static let kind = "event"
    public var name: String?
    public var schedule: Schedule
    public var participants: Selection
    public var chosen: Selection? { participants }
    public var tiesPerParticipant: Int
    public var crossBoundary: Double
    /// The attribute whose boundaries new ties are meant to cross (default: organisation, if the network has it).
    public var boundary: String?
    public var tieLifetime: TieLifetime
    /// Participants become aware of the change.
    public var awareness: Bool
    /// Probability that a participant adopts at the event (the commitment boost).
    public var adoption: Double
    /// Rise in attendees' commitment (0: none), where the run keeps commitment (the commitment
    /// model, or waning commitment with any model).
    public var boost: Double
    var ready: Selection.Prepared?
    var boundaryCodes: [Int32]?

    public init(name: String? = nil, at schedule: Schedule, participants: Selection, tiesPerParticipant: Int = 0, crossBoundary: Double = 0.5,
                boundary: String? = nil, tieLifetime: TieLifetime = .permanent, awareness: Bool = true, adoption: Double = 0, boost: Double = 0) {
        self.name = name
        self.schedule = schedule
        self.participants = participants
        self.tiesPerParticipant = tiesPerParticipant
        self.crossBoundary = crossBoundary
        self.boundary = boundary
        self.tieLifetime = tieLifetime
        self.awareness = awareness
        self.adoption = adoption
        self.boost = boost
    }

    public var label: String { name ?? Self.kind }
    public var needs: InterventionSupport {
        var needs: InterventionSupport = []
        if tiesPerParticipant > 0 { needs.insert(.addedTies) }
        if boost > 0 { needs.insert(.commitment) }
        return needs
    }

    /// Changes nothing but commitment, and chooses attendees without reference to training: the
    /// batched commitment matrix can take it.
    var onlyBoosts: Bool { tiesPerParticipant == 0 && adoption == 0 && participants != .trained }

    public func validate(_ population: Population) throws {
        try participants.validate(population, label)
        guard tiesPerParticipant >= 0 else {
            throw SimulationError.outOfRange(parameter: "\(label) ties per participant", value: Double(tiesPerParticipant), allowed: "≥ 0")
        }
        guard tiesPerParticipant < max(1, population.count) else {
            throw SimulationError.outOfRange(parameter: "\(label) ties per participant", value: Double(tiesPerParticipant),
                                             allowed: "fewer than the \(population.count) people in the network")
        }
        // Every replicate in flight holds its event ties (16 bytes each, both directions) until they expire.
        try Self.checkTies(Double(population.count) * Double(tiesPerParticipant), label)
        try SimulationError.probability("\(label) cross-boundary share", crossBoundary)
        try SimulationError.probability("\(label) adoption probability", adoption)
        try SimulationError.probability("\(label) commitment boost", boost)
        try tieLifetime.validate(label)
        if let boundary { _ = try population.group(boundary) }
    }

    /// Refuses an occurrence whose ties, held by every worker's replicate, would not fit in memory.
    static func checkTies(_ ties: Double, _ label: String) throws {
        do {
            try MemoryBudget.check(16 * ties * Double(Compute.threads), for: "\(label): \(String(format: "%.3g", ties)) new ties at one occurrence")
        } catch let error as MemoryBudget.Exceeded {
            throw SimulationError.unsupported(error.description)
        }
    }

    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention {
        guard ready == nil else { return self }
        var copy = self
        copy.ready = try participants.prepare(population, seed: seed)
        let attribute = boundary ?? (population.groups["organisation"] != nil ? "organisation" : nil)
        copy.boundaryCodes = try attribute.map { try population.group($0).codes }
        return copy
    }

    /// The seeds of the ties' and the adoptions' streams, drawn first from the occurrence's stream
    /// (every kernel draws them, so every kernel then chooses the same attendees).
    static func partSeeds(_ rng: inout Xoshiro256PlusPlus) -> (ties: UInt64, adoption: UInt64) {
        let ties = rng.next()
        return (ties, rng.next())
    }

    public func apply(_ r: inout Replicate) {
        // Who attends, the ties they make and who adopts each draw from their own stream, so an arm
        // that changes the ties (a sprint without mixed tables) keeps the same attendees and adopters.
        let (tieSeed, adoptionSeed) = Self.partSeeds(&r.interventionRNG)
        let people = ready!.choose(&r)
        guard !people.isEmpty else { return }
        if tiesPerParticipant > 0 && people.count > 1 {
            r.interventionRNG = Xoshiro256PlusPlus(seed: tieSeed)
            TieMaking.mix(people, ties: tiesPerParticipant, crossBoundary: crossBoundary, codes: boundaryCodes,
                          lifetime: tieLifetime, &r)
        }
        r.interventionRNG = Xoshiro256PlusPlus(seed: adoptionSeed)
        for v in people {
            if awareness { r.makeAware(v) }
            if adoption > 0 && r.interventionRNG.bernoulli(adoption) { r.adopt(v, at: Double(r.time)) }
            if boost > 0 { r.boost(v, by: boost) }
        }
    }
}

/// How interventions choose partners for new ties.
enum TieMaking {
    /// Each of `people` starts `ties` ties with others of `people`, crossing the boundary given by
    /// `codes` with probability `crossBoundary` (falling back to anyone when one side is empty).
    static func mix(_ people: [Int], ties: Int, crossBoundary: Double, codes: [Int32]?, lifetime: TieLifetime, _ r: inout Replicate) {
        let n = people.count
        guard n > 1 else { return }
        // Partners by group, so a cross-boundary or same-group partner is one draw, not rejection.
        var byGroup: [Int32: [Int]] = [:]
        if let codes { for v in people { byGroup[codes[v], default: []].append(v) } }
        let groups = byGroup.keys.sorted()
        for v in people {
            for _ in 0..<ties {
                var partner = -1
                if let codes, groups.count > 1 {
                    let own = codes[v]
                    if r.interventionRNG.bernoulli(crossBoundary) {
                        // A uniformly chosen participant from any other group.
                        let others = n - byGroup[own]!.count
                        var k = r.interventionRNG.nextInt(below: others)
                        for g in groups where g != own {
                            let members = byGroup[g]!
                            if k < members.count { partner = members[k]; break }
                            k -= members.count
                        }
                    } else {
                        let mine = byGroup[own]!
                        if mine.count > 1 {
                            let k = r.interventionRNG.nextInt(below: mine.count - 1)
                            partner = mine[k] == v ? mine[mine.count - 1] : mine[k]
                        }
                    }
                }
                if partner < 0 {
                    let k = r.interventionRNG.nextInt(below: n - 1)
                    partner = people[k] == v ? people[n - 1] : people[k]
                }
                r.addTie(v, partner, expires: lifetime.expiry(at: r.time, using: &r.interventionRNG))
            }
        }
    }
}

extension NetworkEvent: CatalogIntervention {
    public static let summary = "a sprint, conference or meeting: new ties among participants, awareness, adoption and a commitment boost, in any combination"
    public static let parameters = [
        CatalogParameter("participants", .selection, default: "everyone", "who takes part"),
        CatalogParameter("ties_per_participant", .integer(min: 0), default: "0", "new ties each participant starts with other participants"),
        CatalogParameter("cross_boundary", .probability, default: "0.5", "share of new ties that cross the boundary attribute"),
        CatalogParameter("boundary", .text, default: "organisation", "the attribute whose boundaries new ties cross"),
        CatalogParameter("tie_half_life", .positive, "steps until half the new ties have faded (none: permanent)"),
        CatalogParameter("awareness", .flag, default: "true", "participants hear of the change"),
        CatalogParameter("adoption", .probability, default: "0", "probability a participant adopts there"),
        CatalogParameter("boost", .probability, default: "0", "commitment gained by attendees (commitment model, or a commitment: block)"),
    ]

    public init(name: String?, schedule: Schedule, parameters p: CatalogValues) throws {
        self.init(name: name, at: schedule, participants: p.selection("participants") ?? .everyone,
                  tiesPerParticipant: p.integer("ties_per_participant") ?? 0, crossBoundary: p.number("cross_boundary", default: 0.5),
                  boundary: p.text("boundary"), tieLifetime: p.number("tie_half_life").map { .halfLife($0) } ?? .permanent,
                  awareness: p.flag("awareness", default: true), adoption: p.number("adoption", default: 0), boost: p.number("boost", default: 0))
    }
}
