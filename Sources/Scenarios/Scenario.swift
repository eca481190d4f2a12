import Foundation
import Graphs
import Simulation

/// A scenario, decoded and checked: the network to build, the model, the seeding, the timeline of
/// interventions, the run's size, and optionally a sweep. Built by `ScenarioLoader`.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    public var network: NetworkSpec
    public var model: ModelSpec
    public var seeding: SeedingStrategy
    public var interventions: [any Intervention]
    /// Where each intervention was written, for errors found once the network exists.
    var interventionOrigins: [ScenarioValue.Origin]
    public var horizon: Int
    public var replicates: Int
    public var seed: UInt64
    public var breakdown: [String]?
    public var recordAgents: Bool
    /// Lay out and write the network for the report's drawing (`outputs.network`); nil: when it has
    /// at most `NetworkDrawingLimit.nodes` people.
    public var drawNetwork: Bool? = nil
    public var sweep: SweepSpec?
    /// The document after `extends:` and overrides, as run (for the manifest).
    public var resolved: ScenarioValue
    /// The file it came from.
    public var file: String

    var origins: [String: ScenarioValue.Origin]

    /// The simulator's configuration for this scenario.
    public var ensemble: Ensemble {
        var e = Ensemble(replicates: replicates, horizon: horizon, seed: seed, seeding: seeding, breakdown: breakdown,
                         interventions: interventions)
        e.recordAgents = recordAgents
        return e
    }
}

/// Where the network comes from.
public enum NetworkSpec: Sendable, Hashable {
    /// A generator by name with its parameters (text, as on the command line) and its seed.
    case generate(model: String, parameters: [String: String], seed: UInt64)
    /// A file (edge list, GraphML, GEXF, Pajek), optional node attributes; paths absolute.
    case file(edges: URL, nodes: URL?, directed: Bool)

    /// Builds (or loads) the network.
    public func build() throws -> Graph {
        switch self {
        case let .generate(model, parameters, seed):
            return try GeneratorCatalog.make(model: model, parameters: parameters).generate(seed: seed)
        case let .file(edges, nodes, directed):
            return try GraphLoader.load(edges: edges, nodes: nodes, options: EdgeListOptions(directed: directed))
        }
    }
}

/// The diffusion model and its parameters.
public enum ModelSpec: Sendable {
    case independentCascade(IndependentCascade)
    case linearThreshold(LinearThreshold)
    case complexContagion(ComplexContagion)
    case bass(BassDiffusion)
    case abandonment(AdoptionWithAbandonment)
    case continuousSIR(ContinuousTimeSIR)
    case continuousSIS(ContinuousTimeSIS)
    case commitment(CommitmentDynamics)

    public static let names = ["independent-cascade", "linear-threshold", "complex-contagion", "bass", "adoption-abandonment",
                               "continuous-sir", "continuous-sis", "commitment"]

    public var name: String {
        switch self {
        case .independentCascade: IndependentCascade.name
        case .linearThreshold: LinearThreshold.name
        case .complexContagion: ComplexContagion.name
        case .bass: BassDiffusion.name
        case .abandonment: AdoptionWithAbandonment.name
        case .continuousSIR: ContinuousTimeSIR.name
        case .continuousSIS: ContinuousTimeSIS.name
        case .commitment: CommitmentDynamics.name
        }
    }

    /// Runs the ensemble with this model (specialised per model: no existential in the hot loop).
    public func run(_ ensemble: Ensemble, on population: Population) throws -> EnsembleResult {
        switch self {
        case let .independentCascade(m): return try ensemble.run(m, on: population)
        case let .linearThreshold(m): return try ensemble.run(m, on: population)
        case let .complexContagion(m): return try ensemble.run(m, on: population)
        case let .bass(m): return try ensemble.run(m, on: population)
        case let .abandonment(m): return try ensemble.run(m, on: population)
        case let .continuousSIR(m): return try ensemble.run(m, on: population)
        case let .continuousSIS(m): return try ensemble.run(m, on: population)
        case let .commitment(m): return try ensemble.run(m, on: population)
        }
    }

    /// The model's own parameter checks and the interventions it can take, against the population.
    func validate(_ population: Population, horizon: Int) throws {
        switch self {
        case let .independentCascade(m): try m.validate(population)
        case let .linearThreshold(m): try m.validate(population)
        case let .complexContagion(m): try m.validate(population)
        case let .bass(m): try m.validate(population)
        case let .abandonment(m): try m.validate(population)
        case let .continuousSIR(m): try m.validate(population)
        case let .continuousSIS(m): try m.validate(population)
        case let .commitment(m): try m.validate(population, horizon: horizon)
        }
    }

    /// What interventions the model takes.
    var interventionSupport: InterventionSupport {
        switch self {
        case .independentCascade: IndependentCascade.interventionSupport
        case .linearThreshold: LinearThreshold.interventionSupport
        case .complexContagion: ComplexContagion.interventionSupport
        case .bass: BassDiffusion.interventionSupport
        case .abandonment: AdoptionWithAbandonment.interventionSupport
        case .continuousSIR: ContinuousTimeSIR.interventionSupport
        case .continuousSIS: ContinuousTimeSIS.interventionSupport
        case .commitment: []
        }
    }
}

/// A parameter sweep: points (grid, explicit lists, Latin hypercube) × replicates per point.
public struct SweepSpec: Sendable {
    public enum Axis: Sendable, Equatable {
        /// Every combination of these values (with the other grid axes).
        case grid(path: String, values: [ScenarioValue])
        /// Values zipped with the other list axes: point i takes the i-th of each.
        case list(path: String, values: [ScenarioValue])
        /// A continuous range sampled by Latin hypercube.
        case range(path: String, low: Double, high: Double, integer: Bool)
    }

    public var axes: [Axis]
    public var replicates: Int?
    /// Points of the Latin hypercube.
    public var samples: Int
}
