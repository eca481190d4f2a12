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
    /// Called once per replicate when it ends, before the agents are reset: clean the workspace
    /// for the next replicate, ideally touching only what this one changed (`replicate.touched`
    /// and their neighbours), so small cascades stay cheap on big networks.
    func finish(_ replicate: inout Replicate, _ workspace: inout Workspace)
    /// Advances from step t − 1 to t. `frontier` holds the agents that adopted since the previous
    /// step (seeds and intervention adopters included). Returns false once nothing more can change
    /// without outside help (the runner then stops early unless interventions are still due).
    func step(_ replicate: inout Replicate, _ workspace: inout Workspace, frontier: [Int32], to t: Int) -> Bool

    // MARK: Answering interventions (defaults: not supported / nothing to do)

    /// Which interventions beyond seeding and awareness the model takes; the ensemble refuses the
    /// others before any work starts.
    static var interventionSupport: InterventionSupport { get }
    /// An intervention added the arc v → u and v already practises (it adopted before this step):
    /// a fresh exposure of u. Ties added to agents adopting this very step are pushed by the next
    /// `step`, which reads `replicate.overlay` for its frontier.
    func tieAdded(_ replicate: inout Replicate, _ workspace: inout Workspace, from v: Int, to u: Int)
    /// Agent u was trained: scale its threshold by `factor`, and adopt if the lower bar is already met.
    func trained(_ replicate: inout Replicate, _ workspace: inout Workspace, agent u: Int, factor: Double)
    /// A newcomer took agent u's post (already reset to unaware): give it fresh per-agent state.
    func arrived(_ replicate: inout Replicate, _ workspace: inout Workspace, agent u: Int)

    // MARK: Two-phase steps, seeds and batched kernels (defaults: adopt seeds, nothing to settle, no batching)

    /// Starts agent v as a seed at step 0 (default: it adopts; the commitment model gives it the
    /// seeds' commitment and lets it activate when the step settles).
    func seed(_ replicate: inout Replicate, _ workspace: inout Workspace, agent v: Int)
    /// Called after step t's interventions, before the step is recorded: models whose state moves
    /// in two phases (commitment: decay and reinforcement, then boosts, then noise and activation)
    /// finish the step here.
    func settle(_ replicate: inout Replicate, _ workspace: inout Workspace, at t: Int)
    /// The model keeps every agent's commitment itself (the commitment model): the ensemble then
    /// allocates the column and waning commitment is not added on top.
    static var tracksCommitment: Bool { get }
    /// What a run of the model is judged by: adoption (reach, time to half, peak), commitment (mean
    /// commitment, share committed, how far it decays) or opinion (mean opinion and its spread).
    static var outcome: ModelOutcome { get }
    /// A kernel that runs many replicates at once, where it applies to this ensemble (threshold
    /// lanes, the commitment matrix); nil runs replicate by replicate. The runner asks; the model
    /// decides, so no kernel is chosen by inspecting the model's type.
    func batchedKernel(for ensemble: Ensemble, on population: Population) -> (any BatchedKernel)?
    /// Whether a workspace made by one value of the model serves another value of the same model
    /// (its `begin` drops whatever it derived from the parameters). Runs whose replicates each have
    /// their own parameters (a calibration's draws) then reuse one workspace per worker; otherwise
    /// they make a fresh one per replicate (default: false, the safe answer).
    static var workspaceServesAnyParameters: Bool { get }
}

extension DiffusionModel {
    public func finish(_ replicate: inout Replicate, _ workspace: inout Workspace) {}
    public static var interventionSupport: InterventionSupport { [] }
    public func tieAdded(_ replicate: inout Replicate, _ workspace: inout Workspace, from v: Int, to u: Int) {}
    public func trained(_ replicate: inout Replicate, _ workspace: inout Workspace, agent u: Int, factor: Double) {}
    public func arrived(_ replicate: inout Replicate, _ workspace: inout Workspace, agent u: Int) {}
    @inline(__always)
    public func seed(_ replicate: inout Replicate, _ workspace: inout Workspace, agent v: Int) { replicate.adopt(v, at: 0) }
    @inline(__always)
    public func settle(_ replicate: inout Replicate, _ workspace: inout Workspace, at t: Int) {}
    public static var tracksCommitment: Bool { false }
    public static var outcome: ModelOutcome { .adoption }
    public func batchedKernel(for ensemble: Ensemble, on population: Population) -> (any BatchedKernel)? { nil }
    public static var workspaceServesAnyParameters: Bool { false }
}

extension Replicate {
    /// True when so many agents changed that clearing whole arrays beats visiting their neighbours.
    var touchedMost: Bool { touched.count * 8 > population.count }

    /// Puts back `array`'s cells that push-style steps can have written this replicate (those of
    /// the changed agents' out-neighbours), from `baseline` or to `value`: the whole array when
    /// most agents changed, else just those cells.
    func resetPushed<T>(_ array: inout [T], to value: T) {
        if touchedMost {
            for i in array.indices { array[i] = value }
        } else {
            forEachNeighbourOfTouched { array[$0] = value }
        }
    }

    func resetPushed<T>(_ array: inout [T], from baseline: [T]) {
        if touchedMost {
            array.withUnsafeMutableBufferPointer { a in
                baseline.withUnsafeBufferPointer { b in a.baseAddress!.update(from: b.baseAddress!, count: b.count) }
            }
        } else {
            forEachNeighbourOfTouched { array[$0] = baseline[$0] }
        }
    }

    /// Calls `body` for every out-neighbour of every agent whose state changed (through the
    /// network and through ties interventions added): the cells a push-style model can have
    /// written this replicate.
    func forEachNeighbourOfTouched(_ body: (Int) -> Void) {
        for v in touched {
            for p in population.offsets[Int(v)]..<population.offsets[Int(v) + 1] { body(Int(population.targets[p])) }
        }
        if !overlay.isEmpty {
            for u in overlay.allTargets { body(Int(u)) }
        }
    }
}
