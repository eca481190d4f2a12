import Foundation

/// `summary.json` of a run folder: what was run, the ensemble statistics of every `RunMetric`,
/// the final state by group, and the interventions' times (the report's markers).
public struct RunSummary: Codable, Sendable, Equatable {
    /// One level of a breakdown attribute at the horizon, averaged over replicates.
    public struct GroupOutcome: Codable, Sendable, Equatable {
        /// Members (a mean: levels such as `trained` fill up during a run).
        public var size: Double
        public var adopted: Band
        public init(size: Double, adopted: Band) {
            self.size = size
            self.adopted = adopted
        }
    }

    /// An intervention occurrence: its kind, the scenario's label and the step.
    public struct Marker: Codable, Sendable, Equatable {
        public var kind: String
        public var label: String
        public var time: Int
        public init(kind: String, label: String, time: Int) {
            self.kind = kind
            self.label = label
            self.time = time
        }
    }

    /// An arm the base was compared with: its name, its folder under `arms/`, and what it changes.
    public struct Arm: Codable, Sendable, Equatable {
        public var name: String
        public var folder: String
        public var changes: [String]
        /// The arm every scenario with interventions gets unless it says `compare: none`.
        public static let withoutInterventions = "without interventions"
        public init(name: String, folder: String, changes: [String]) {
            self.name = name
            self.folder = folder
            self.changes = changes
        }
    }

    public var scenario: String
    public var model: String
    /// The scenario's question and assumptions, as written (`question:`, `assumptions:`).
    public var question: String?
    public var assumptions: [String] = []
    /// What one step is ("week"); "step" when the scenario does not say.
    public var stepUnit: String = "step"
    /// What the model's runs are judged by (adoption, commitment, opinion), and the `RunMetric`s
    /// that measure it, headline first.
    public var outcome: String = "adoption"
    public var measures: [String] = []
    public var arms: [Arm] = []
    /// Every arm's measures beside the base's, with paired differences (comparison.csv).
    public var comparison: [ComparisonRow] = []
    /// The answer paragraph the report and summary.md open with (nil without arms).
    public var answer: String?
    /// What a reader should know before trusting the numbers (identical replicates, capped counts).
    public var warnings: [String] = []
    /// Whether `commitment` in timeseries.csv is tracked commitment (the commitment model, or
    /// waning commitment) rather than the count practising.
    public var commitmentTracked: Bool
    public var nodes: Int
    public var edges: Int
    public var replicates: Int
    public var horizon: Int
    public var seed: UInt64
    /// By `RunMetric` name; null where no replicate defines it (time to 50% when none got there).
    public var metrics: [String: Band?]
    /// Attribute → level → outcome.
    public var finalByGroup: [String: [String: GroupOutcome]]
    public var interventions: [Marker]

    public init(scenario: String, model: String, commitmentTracked: Bool, nodes: Int, edges: Int, replicates: Int, horizon: Int,
                seed: UInt64, metrics: [String: Band?], finalByGroup: [String: [String: GroupOutcome]], interventions: [Marker]) {
        self.scenario = scenario
        self.model = model
        self.commitmentTracked = commitmentTracked
        self.nodes = nodes
        self.edges = edges
        self.replicates = replicates
        self.horizon = horizon
        self.seed = seed
        self.metrics = metrics
        self.finalByGroup = finalByGroup
        self.interventions = interventions
    }

    enum CodingKeys: String, CodingKey {
        case scenario, model, nodes, edges, replicates, horizon, seed, metrics, interventions
        case commitmentTracked = "commitment_tracked", finalByGroup = "final_by_group"
        case question, assumptions, stepUnit = "step_unit", outcome, measures, arms, comparison, answer, warnings
    }

    /// Folders written before a field existed read with its neutral value.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scenario = try c.decode(String.self, forKey: .scenario)
        model = try c.decode(String.self, forKey: .model)
        commitmentTracked = try c.decodeIfPresent(Bool.self, forKey: .commitmentTracked) ?? false
        nodes = try c.decode(Int.self, forKey: .nodes)
        edges = try c.decode(Int.self, forKey: .edges)
        replicates = try c.decode(Int.self, forKey: .replicates)
        horizon = try c.decode(Int.self, forKey: .horizon)
        seed = try c.decode(UInt64.self, forKey: .seed)
        metrics = try c.decodeIfPresent([String: Band?].self, forKey: .metrics) ?? [:]
        finalByGroup = try c.decodeIfPresent([String: [String: GroupOutcome]].self, forKey: .finalByGroup) ?? [:]
        interventions = try c.decodeIfPresent([Marker].self, forKey: .interventions) ?? []
        question = try c.decodeIfPresent(String.self, forKey: .question)
        assumptions = try c.decodeIfPresent([String].self, forKey: .assumptions) ?? []
        stepUnit = try c.decodeIfPresent(String.self, forKey: .stepUnit) ?? "step"
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome) ?? "adoption"
        measures = try c.decodeIfPresent([String].self, forKey: .measures) ?? []
        arms = try c.decodeIfPresent([Arm].self, forKey: .arms) ?? []
        comparison = try c.decodeIfPresent([ComparisonRow].self, forKey: .comparison) ?? []
        answer = try c.decodeIfPresent(String.self, forKey: .answer)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    /// The ensemble statistics of one metric, if any replicate defines it.
    public func metric(_ m: RunMetric) -> Band? { metrics[m.rawValue] ?? nil }
}
