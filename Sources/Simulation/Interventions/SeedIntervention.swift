/// Seeds champions at a later time (a second wave, a new site joining): the chosen agents adopt.
public struct SeedIntervention: Intervention {
    public static let kind = "seed"
    public var name: String?
    public var schedule: Schedule
    public var who: Selection
    public var chosen: Selection? { who }
    var ready: Selection.Prepared?

    public init(name: String? = nil, at schedule: Schedule, who: Selection) {
        self.name = name
        self.schedule = schedule
        self.who = who
    }

    public var label: String { name ?? Self.kind }

    public func validate(_ population: Population) throws { try who.validate(population, label) }

    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention {
        guard ready == nil else { return self }
        var copy = self
        copy.ready = try who.prepare(population, seed: seed)
        return copy
    }

    public func apply(_ r: inout Replicate) {
        for v in ready!.choose(&r) { r.adopt(v, at: Double(r.time)) }
    }
}

extension SeedIntervention: CatalogIntervention {
    public static let summary = "the chosen people adopt at that step (a second wave, a new site joining)"
    public static let parameters = [CatalogParameter("who", .selection, required: true, "who adopts")]

    public init(name: String?, schedule: Schedule, parameters: CatalogValues) throws {
        self.init(name: name, at: schedule, who: parameters.selection("who") ?? .everyone)
    }
}
