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
}

extension DiffusionModel {
    public func finish(_ replicate: inout Replicate, _ workspace: inout Workspace) {}
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

    /// Calls `body` for every out-neighbour of every agent whose state changed: the cells a
    /// push-style model can have written this replicate.
    func forEachNeighbourOfTouched(_ body: (Int) -> Void) {
        for v in touched {
            for p in population.offsets[Int(v)]..<population.offsets[Int(v) + 1] { body(Int(population.targets[p])) }
        }
    }
}
