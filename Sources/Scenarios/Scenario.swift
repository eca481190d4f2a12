import Foundation
import Graphs
import Simulation

/// A scenario, decoded and checked: the network to build, the model, the seeding, the timeline of
/// interventions, the run's size, and optionally a sweep. Built by `ScenarioLoader`.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    /// What the scenario asks (`question:`), and what it assumes (`assumptions:`): the report opens with them.
    public var question: String?
    public var assumptions: [String] = []
    /// What one step is (`step_unit: week`), for time axes and the answer; "step" when not said.
    public var stepUnit: String = "step"
    /// The arms `skein run` compares the base with (`compare:`).
    public var comparison: Comparison = .automatic
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
    /// Waning commitment on top of the model (`commitment:`), nil when absent.
    public var waning: WaningCommitment?
    public var recordAgents: Bool
    /// Whether the run keeps commitment levels: the model's own, or waning commitment on top of it.
    public var tracksCommitment: Bool { model.tracksCommitment || waning != nil }
    /// The name as one folder name for `runs/NAME` (letters, digits, `.`, `_`, `-`; no leading dot,
    /// so `name: ../../x` stays inside `runs/`).
    public var folderName: String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        let trimmed = safe.drop { $0 == "." || $0 == "-" }
        return trimmed.isEmpty ? "scenario" : String(trimmed)
    }
    /// Write every replicate's own time series (`outputs.replicates`).
    public var recordReplicates = false
    /// Lay out and write the network for the report's drawing (`outputs.network`); nil: when it has
    /// at most `NetworkDrawingLimit.nodes` people.
    public var drawNetwork: Bool? = nil
    public var sweep: SweepSpec?
    /// The document after `extends:` and overrides, as run (for the manifest).
    public var resolved: ScenarioValue
    /// The file it came from, and the `--set` overrides applied to it (recorded in the manifest).
    public var file: String
    public var overrides: [String] = []

    var origins: [String: ScenarioValue.Origin]

    /// The simulator's configuration for this scenario.
    public var ensemble: Ensemble {
        var e = Ensemble(replicates: replicates, horizon: horizon, seed: seed, seeding: seeding, breakdown: breakdown,
                         interventions: interventions)
        e.recordAgents = recordAgents
        e.waning = waning
        return e
    }
}

/// Where the network comes from.
public enum NetworkSpec: Sendable, Hashable {
    /// A generator by name with its parameters (text, as on the command line) and its seed.
    case generate(model: String, parameters: [String: String], seed: UInt64)
    /// A file in any format `NetworkFormatCatalog` reads (edge list, GraphML, GEXF, Pajek, UCINET,
    /// Kumu, Polinode, Excel, survey), optional node attributes; paths absolute.
    case file(edges: URL, nodes: URL?, directed: Bool, reading: NetworkFileSettings = NetworkFileSettings())

    /// Builds (or loads) the network.
    public func build() throws -> Graph {
        switch self {
        case let .generate(model, parameters, seed):
            return try GeneratorCatalog.make(model: model, parameters: parameters).generate(seed: seed)
        case let .file(edges, nodes, directed, reading):
            let options = NetworkReadOptions(edges: EdgeListOptions(directed: directed), nodesSheet: reading.nodesSheet,
                                             edgesSheet: reading.edgesSheet, survey: reading.survey)
            return try GraphLoader.load(edges: edges, nodes: nodes, read: options, format: reading.format)
        }
    }
}

/// The diffusion model and its parameters: any model in `ModelCatalog`.
public struct ModelSpec: Sendable {
    public let model: any CatalogModel
    /// The parameter values the model was built from (as the scenario gave them).
    public let values: [String: ParameterValue]

    public init(_ model: any CatalogModel, values: [String: ParameterValue] = [:]) {
        self.model = model
        self.values = values
    }

    /// The same model with numeric parameters set to `changes` (a calibration's draw); the
    /// values must already be within each parameter's range.
    public func with(_ changes: [String: Double]) throws -> ModelSpec {
        let v = values(with: changes)
        let type = Swift.type(of: model)
        return ModelSpec(try type.init(parameters: CatalogValues(owner: type.name, v)), values: v)
    }

    /// The scenario's values with numeric `changes` laid over them.
    func values(with changes: [String: Double]) -> [String: ParameterValue] {
        var v = values
        for (name, x) in changes { v[name] = .number(x) }
        return v
    }

    /// Runs one replicate per change set, replicate r with this model's values updated by
    /// `changes[r]` (each within its parameter's range), from replicate `first + r`'s streams.
    public func run(_ ensemble: Ensemble, each changes: [[String: Double]], from first: Int,
                    on population: Population) throws -> EnsembleResult {
        let owner = Swift.type(of: model).name
        let sets = changes.map { CatalogValues(owner: owner, values(with: $0)) }
        return try model.run(ensemble, each: sets, from: first, on: population)
    }

    public var name: String { type(of: model).name }
    /// Whether the model keeps every agent's commitment itself (then the summary leads with commitment).
    public var tracksCommitment: Bool { type(of: model).tracksCommitment }
    /// What the model's runs are judged by.
    public var outcome: ModelOutcome { type(of: model).outcome }

    /// Runs the ensemble with this model (specialised per model: no existential in the hot loop).
    public func run(_ ensemble: Ensemble, on population: Population) throws -> EnsembleResult {
        try model.run(ensemble, on: population)
    }

    /// The model's parameter checks, and that it takes the scenario's waning commitment, against the population.
    func validate(_ population: Population, ensemble: Ensemble) throws {
        var bare = ensemble
        bare.interventions = []   // checked one by one, each at its place
        bare.breakdown = nil      // checked at outputs.breakdown
        try model.validate(bare, on: population)
    }

    /// What interventions the model takes (with waning commitment: boosts too).
    func interventionSupport(waning: Bool) -> InterventionSupport {
        type(of: model).interventionSupport.union(waning ? .commitment : [])
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

    /// Where a point's random streams come from.
    public enum Streams: String, Sendable, Equatable, CaseIterable {
        /// Every point draws from the scenario's seed: points compared on common random numbers, so
        /// the difference between two points is the parameter's effect, not a different draw.
        case common
        /// Each point's seed derives from (seed, the point's own values): independent draws per point
        /// (for response surfaces fitted across points), still unmoved when the design grows.
        case independent
    }

    public var axes: [Axis]
    public var replicates: Int?
    /// Points of the Latin hypercube.
    public var samples: Int
    public var streams: Streams = .common
}
