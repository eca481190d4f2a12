import NumericCore

/// A model of how a change spreads, advanced one step at a time by the ensemble runner.
///
/// Configuration (parameters) is the model value; everything one replicate needs as scratch lives
/// in its `Workspace`, allocated once per worker and reused across replicates, so the hot loop
/// allocates nothing per step. The runner is generic over the model, so `step` is specialised
/// and inlined: no existential or dynamic dispatch in the inner loop.
public protocol DiffusionModel: Sendable {
    associatedtype Workspace
    /// The model's name in scenario files and outputs.
    static var name: String { get }
    /// Checks parameters against the population; throws `SimulationError` before any work starts.
    func validate(_ population: Population) throws
    func makeWorkspace(_ population: Population) -> Workspace
    /// Called once per replicate after the agents are reset and before seeding (draw thresholds, clear scratch).
    func begin(_ replicate: inout Replicate, _ workspace: inout Workspace)
    /// Advances from step t − 1 to t. `frontier` holds the agents that adopted since the previous
    /// step (seeds and intervention adopters included). Returns false once nothing more can change
    /// without outside help (the runner then stops early unless interventions are still due).
    func step(_ replicate: inout Replicate, _ workspace: inout Workspace, frontier: [Int32], to t: Int) -> Bool
}
