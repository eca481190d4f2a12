import Foundation
import NumericCore

/// Something a programme does to the network on a timeline: seed champions, hold a sprint, train a
/// cohort, weave bridging ties, lose staff. Each kind is a small value type; the ensemble runner
/// applies the due ones after each step's dynamics, in the order given, and then lets the model
/// answer what changed (new ties, lowered thresholds, newcomers).
///
/// Interventions run a few times per replicate, never inside a model's inner loop, so the list
/// is held as existentials without cost to the hot path.
public protocol Intervention: Sendable {
    /// The kind's name in scenario files and outputs ("seed", "event", …).
    static var kind: String { get }
    /// A label for markers and errors (defaults to the kind).
    var label: String { get }
    var schedule: Schedule { get }
    /// What the model must be able to answer for this intervention.
    var needs: InterventionSupport { get }
    /// Checks parameters against the population before any work starts.
    func validate(_ population: Population) throws
    /// Work done once per ensemble (rankings, pools, communities), returning the ready-to-apply
    /// form; calling it on that form again returns it unchanged.
    func prepared(_ population: Population, seed: UInt64) throws -> any Intervention
    /// Applies one occurrence at `replicate.time`. Random choices come from `replicate.interventionRNG`.
    func apply(_ replicate: inout Replicate)
    /// Who it reaches, for interventions that choose people (participants, a cohort, those removed):
    /// read to warn where a per-group count exceeds a group's size.
    var chosen: Selection? { get }
}

extension Intervention {
    public var label: String { Self.kind }
    public var needs: InterventionSupport { [] }
    public var chosen: Selection? { nil }
    public func prepared(_ population: Population, seed: UInt64) throws -> any Intervention { self }
}

/// What a model can answer beyond adoption and awareness, which every model takes.
public struct InterventionSupport: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Reads ties added during a run (events, weaving, newcomers' fresh ties).
    public static let addedTies = InterventionSupport(rawValue: 1)
    /// Has per-agent thresholds a training cohort can lower.
    public static let training = InterventionSupport(rawValue: 2)
    /// Can take agents out (removal) or reset them (turnover) mid-run.
    public static let departures = InterventionSupport(rawValue: 4)
    /// Keeps commitment that boosts can raise (the commitment model, or any model run with waning commitment).
    public static let commitment = InterventionSupport(rawValue: 8)

    var names: [String] {
        [(Self.addedTies, "added ties"), (.training, "training"), (.departures, "departures"), (.commitment, "commitment")]
            .filter { contains($0.0) }.map(\.1)
    }

    /// Why a model may lack this support and what to do instead, for refusals.
    func remedy(alternatives: [String]) -> String {
        let others = alternatives.joined(separator: ", ")
        switch self {
        case .training: return "training lowers an adoption threshold and this model has none; use one that has: \(others)"
        case .commitment:
            return "a boost raises commitment, which this model does not keep; add waning commitment (commitment: {decay: 0.05}) or use the commitment model"
        case .addedTies: return "it does not read ties added during a run; use one that does: \(others)"
        default: return "it cannot take agents out mid-run; use one that can: \(others)"
        }
    }
}

/// When an intervention acts: once at `at`, or every `every` steps from `at` until `until`
/// (default: the horizon).
public struct Schedule: Sendable, Equatable, Codable {
    public var at: Int
    public var every: Int?
    public var until: Int?

    public init(at: Int, every: Int? = nil, until: Int? = nil) {
        self.at = at
        self.every = every
        self.until = until
    }

    public func happens(at t: Int) -> Bool {
        guard t >= at, t <= (until ?? Int.max) else { return false }
        guard let every else { return t == at }
        return (t - at) % every == 0
    }

    /// Which occurrence step t is (0 for the first), for a step at which it happens.
    public func occurrence(at t: Int) -> Int { every.map { (t - at) / $0 } ?? 0 }

    /// Every step at which it acts, up to the horizon.
    public func times(horizon: Int) -> [Int] {
        guard at <= horizon else { return [] }
        guard let every else { return [at] }
        return Array(stride(from: at, through: min(horizon, until ?? horizon), by: every))
    }

    func validate(_ what: String, horizon: Int) throws {
        guard at >= 0 else { throw SimulationError.outOfRange(parameter: "\(what) time", value: Double(at), allowed: "≥ 0") }
        guard at <= horizon else { throw SimulationError.afterHorizon(what: what, time: Double(at), horizon: horizon) }
        if let every, every < 1 {
            throw SimulationError.outOfRange(parameter: "\(what) interval (every)", value: Double(every), allowed: "≥ 1 step")
        }
        if let until, until < at {
            throw SimulationError.outOfRange(parameter: "\(what) until", value: Double(until), allowed: "≥ its start, \(at)")
        }
    }
}

/// One intervention acting at one step, for time-axis markers.
public struct InterventionOccurrence: Sendable, Codable, Equatable {
    public var kind: String
    public var label: String
    public var time: Int
}

/// How long an added tie lasts: for ever, or with a half-life in steps (each tie's lifetime drawn
/// as geometric with per-step survival 2^(−1/h), so half the ties from one event are gone after h steps).
public enum TieLifetime: Sendable, Equatable {
    case permanent
    case halfLife(Double)

    func validate(_ what: String) throws {
        if case let .halfLife(h) = self, !(h > 0 && h.isFinite) {
            throw SimulationError.outOfRange(parameter: "\(what) tie half-life", value: h, allowed: "> 0 steps")
        }
    }

    /// The step at which a tie made at `now` stops acting.
    func expiry(at now: Int, using rng: inout Xoshiro256PlusPlus) -> Int32 {
        switch self {
        case .permanent: return TieOverlay.never
        case let .halfLife(h):
            // P(lifetime > k) = 2^(−k/h): the tie acts for at least one step after it forms.
            let u = rng.nextOpenUnitDouble()
            let life = max(1, (log2(u) * -h).rounded(.up))
            return Int32(clamping: now + Int(min(life, Double(Int32.max / 2))))
        }
    }
}

extension Array where Element == any Intervention {
    /// Validates each intervention (schedule, parameters) and that the model can answer it; errors
    /// say which intervention ("interventions[2] (event)"), why the model cannot take it and what to
    /// use instead. `alternatives` names the models that take a given support (from the catalog).
    public func validate(_ population: Population, horizon: Int, support: InterventionSupport, model: String, firstIndex: Int = 0,
                         alternatives: (InterventionSupport) -> [String] = ModelCatalog.models(taking:)) throws {
        for (i, intervention) in enumerated() {
            let what = "interventions[\(firstIndex + i)] (\(intervention.label))"
            try intervention.schedule.validate(what, horizon: horizon)
            do {
                try intervention.validate(population)
            } catch let error as SimulationError {
                throw SimulationError.invalidIntervention(what, error)
            }
            let missing = intervention.needs.subtracting(support)
            for need in [InterventionSupport.training, .commitment, .addedTies, .departures] where missing.contains(need) {
                throw SimulationError.unsupported("\(what) needs \(need.names[0]), which the \(model) model does not take: "
                    + need.remedy(alternatives: alternatives(need).filter { $0 != model }))
            }
        }
    }
}
