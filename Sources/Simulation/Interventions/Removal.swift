/// Agents leave for good — a broker retires, a champion moves on: named agents, or the top-ranked
/// by a strategy (betweenness: the bridges). They stop adopting and passing the change on.
public struct Removal: Intervention {
    public static let kind = "removal"
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
    public var needs: InterventionSupport { .departures }

    public func validate(_ population: Population) throws { try who.validate(population, label) }

    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention {
        guard ready == nil else { return self }
        var copy = self
        copy.ready = try who.prepare(population, seed: seed)
        return copy
    }

    public func apply(_ r: inout Replicate) {
        for v in ready!.choose(&r) { r.remove(v) }
    }
}

extension Removal: CatalogIntervention {
    public static let summary = "people leave for good (state removed): they neither adopt nor pass anything on"
    public static let parameters = [CatalogParameter("who", .selection, required: true, "who leaves")]

    public init(name: String?, schedule: Schedule, parameters: CatalogValues) throws {
        self.init(name: name, at: schedule, who: parameters.selection("who") ?? .everyone)
    }
}
