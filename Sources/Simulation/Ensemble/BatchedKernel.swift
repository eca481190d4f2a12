import NumericCore
import Synchronization

/// A model's own way of running many replicates at once (threshold lanes: 64 replicates per pass;
/// the commitment matrix: all replicates as one n × R matrix). A model offers one through
/// `DiffusionModel.batchedKernel(for:on:)` where it applies; the ensemble runner drives it and it
/// writes through the same `EnsembleRecorder` as the frontier kernel.
public protocol BatchedKernel {
    /// Its name in results ("lanes", "matrix").
    var name: String { get }
    /// nil: every replicate runs batched. Otherwise replicate 0 runs first on the frontier kernel
    /// (cheapest for small cascades), and the rest are batched only if it reached this share.
    var pilotReachShare: Double? { get }
    /// Runs `replicates`, writing every step and summary through `run.recorder`.
    func run(_ run: EnsembleRun, replicates: Range<Int>) throws
}

/// Everything one ensemble run shares between its kernels: the configuration, the population,
/// seeds and interventions prepared once, the breakdown groups and where results go.
public struct EnsembleRun: @unchecked Sendable {
    let ensemble: Ensemble
    let population: Population
    let prepared: SeedingStrategy.Prepared
    /// The interventions, prepared (rankings, pools) for this population.
    let timeline: [any Intervention]
    let groups: [Population.Group]
    let groupNames: [String]
    let crossAttribute: Int?
    let recorder: EnsembleRecorder
    let finished: ProgressTally

    var steps: Int { ensemble.horizon + 1 }

    /// Tells the progress callback that `count` more replicates are done.
    func done(_ count: Int) {
        let total = finished.add(count)
        ensemble.progress?(total)
    }
}

/// Replicates finished so far, from whichever worker finished them.
final class ProgressTally: Sendable {
    private let count = Mutex(0)

    func add(_ k: Int) -> Int { count.withLock { $0 += k; return $0 } }
}
