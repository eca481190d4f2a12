import Foundation
import Graphs
import NumericCore
import Scenarios
import Simulation

/// Opinion dynamics (DeGroot or Friedkin–Johnsen) batched over replicates: the replicates are the
/// columns of one n × R matrix and every step is one sparse × dense product. The network is the
/// input; the steps are timed.
public struct OpinionWorkload: Workload {
    public var network: NetworkSpec
    /// Susceptibility λ: 1 is DeGroot, below 1 Friedkin–Johnsen's anchoring to initial opinions.
    public var susceptibility: Double
    public var replicates: Int
    public var steps: Int
    public var seed: UInt64

    public init(network: NetworkSpec, susceptibility: Double = 1, replicates: Int = 64, steps: Int = 50, seed: UInt64 = 1) {
        self.network = network
        self.susceptibility = susceptibility
        self.replicates = replicates
        self.steps = steps
        self.seed = seed
    }

    public var unit: String { "agent-steps" }

    public func prepare() throws -> Population { Population(try network.build()) }

    public func execute(_ population: Population) throws -> OpinionDynamics.Result {
        let model = OpinionDynamics(susceptibility: susceptibility == 1 ? .deGroot : .uniform(susceptibility))
        return try model.run(on: population, replicates: replicates, steps: steps, seed: seed)
    }

    public func outcome(_ result: OpinionDynamics.Result, input population: Population) throws -> WorkloadOutcome {
        var c = Checksum()
        c.add(result.mean)
        c.add(result.spread)
        c.add(result.final.elements)
        let last = (0..<replicates).map { result.spread[$0 * (steps + 1) + steps] }
        return WorkloadOutcome(checksum: c.hex(), work: Double(population.count) * Double(replicates) * Double(steps),
                               figures: ["mean_final_spread": last.reduce(0, +) / Double(max(1, last.count))])
    }
}
