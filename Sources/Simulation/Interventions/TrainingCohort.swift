/// A training cohort (an improvement course): participants' adoption thresholds are scaled by
/// `thresholdFactor` (0.5 halves them), and they hear of the change. Training lowers the bar but
/// does not clear it: a trained agent still needs at least one adopting contact ("training isn't
/// doing"). Needs a threshold model.
public struct TrainingCohort: Intervention {
    public static let kind = "training"
    public var name: String?
    public var schedule: Schedule
    public var participants: Selection
    public var chosen: Selection? { participants }
    public var thresholdFactor: Double
    public var awareness: Bool
    var ready: Selection.Prepared?

    public init(name: String? = nil, at schedule: Schedule, participants: Selection, thresholdFactor: Double = 0.5, awareness: Bool = true) {
        self.name = name
        self.schedule = schedule
        self.participants = participants
        self.thresholdFactor = thresholdFactor
        self.awareness = awareness
    }

    public var label: String { name ?? Self.kind }
    public var needs: InterventionSupport { .training }

    public func validate(_ population: Population) throws {
        try participants.validate(population, label)
        try SimulationError.probability("\(label) threshold factor", thresholdFactor)
    }

    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention {
        guard ready == nil else { return self }
        var copy = self
        copy.ready = try participants.prepare(population, seed: seed)
        return copy
    }

    public func apply(_ r: inout Replicate) {
        for v in ready!.choose(&r) {
            r.train(v, factor: thresholdFactor)
            if awareness { r.makeAware(v) }
        }
    }
}

extension TrainingCohort: CatalogIntervention {
    public static let summary = "a training cohort: participants' adoption threshold (or activation level) is scaled down; they still need practising contacts"
    public static let parameters = [
        CatalogParameter("participants", .selection, required: true, "who trains"),
        CatalogParameter("threshold_factor", .probability, default: "0.5", "scale of the trained's threshold (0.5 halves it)"),
        CatalogParameter("awareness", .flag, default: "true", "the trained hear of the change"),
    ]

    public init(name: String?, schedule: Schedule, parameters p: CatalogValues) throws {
        self.init(name: name, at: schedule, participants: p.selection("participants") ?? .everyone,
                  thresholdFactor: p.number("threshold_factor", default: 0.5), awareness: p.flag("awareness", default: true))
    }
}
