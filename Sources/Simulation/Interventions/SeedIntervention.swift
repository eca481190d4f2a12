/// Seeds champions at a later time (a second wave, a new site joining): the chosen agents adopt.
public struct SeedIntervention: Intervention {
    public static let kind = "seed"
    public var schedule: Schedule
    public var who: Selection
    var ready: Selection.Prepared?

    public init(at schedule: Schedule, who: Selection) {
        self.schedule = schedule
        self.who = who
    }

    public func validate(_ population: Population) throws { try who.validate(population, Self.kind) }

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
