import Foundation
import Scenarios
import Simulation

/// A scenario file run as `skein run` runs it: the network and population are built once
/// (`prepare`), the ensemble of replicates is what is timed. The checksum covers the tidy
/// time series and per-replicate tables, byte for byte as `skein run` writes them.
public struct ScenarioWorkload: Workload {
    public var file: String
    public var overrides: [String]

    public init(file: String, overrides: [String] = []) {
        self.file = file
        self.overrides = overrides
    }

    /// Replicates: event-driven models touch only what changes, so agent-steps would flatter them.
    public var unit: String { "replicates" }

    public func prepare() throws -> PreparedScenario {
        try ScenarioLoader.prepare(file, overrides: overrides)
    }

    public func execute(_ prepared: PreparedScenario) throws -> EnsembleResult {
        try prepared.run()
    }

    public func outcome(_ result: EnsembleResult, input: PreparedScenario) throws -> WorkloadOutcome {
        // Means and SDs over replicates: a peer's outcome is compared within sampling error.
        var figures: [String: Double] = ["replicates": Double(result.replicates)]
        for s in RunWriter.summaryStatistics(result) where ["final_reach", "reach_share", "final_adopted", "peak_adopted"].contains(s.name) {
            if let band = s.band {
                figures["mean_" + s.name] = band.mean
                figures["sd_" + s.name] = band.sd
            }
        }
        return WorkloadOutcome(checksum: RunWriter.resultChecksum(result),
                               work: Double(result.replicates),
                               figures: figures)
    }
}
