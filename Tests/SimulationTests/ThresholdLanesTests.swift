import Foundation
import Graphs
import NumericCore
import Testing
@testable import Simulation

/// The 64-lane linear-threshold kernel against the per-replicate frontier kernel: adoption times
/// do not depend on visiting order, so every count, band, summary and per-agent time must be equal
/// (who gets credit for tipping an agent may differ, so cross-boundary shares only need to be valid).
@Suite("Linear threshold, 64 replicates per pass")
struct ThresholdLanesTests {
    static func compare(_ model: LinearThreshold, _ graph: Graph, replicates: Int, seeding: SeedingStrategy, threads: Int = 1,
                        expectLanes: Bool = true) throws {
        let population = Population(graph)
        #expect(ThresholdLanes(model, population) != nil)
        var ensemble = Ensemble(replicates: replicates, horizon: 30, seed: 5, seeding: seeding)
        ensemble.recordAgents = true
        let lanes = try Compute.withThreads(threads) { try ensemble.run(model, on: population) }
        ensemble.forceFrontierKernel = true
        let frontier = try ensemble.run(model, on: population)
        #expect(lanes.kernel == (expectLanes ? "frontier+lanes" : "frontier") && frontier.kernel == "frontier")
        #expect(lanes.stateCounts == frontier.stateCounts)
        #expect(lanes.reach == frontier.reach)
        #expect(lanes.meanCommitment == frontier.meanCommitment)
        #expect(lanes.groupCounts == frontier.groupCounts)
        #expect(lanes.agentAdoptedAt == frontier.agentAdoptedAt)
        for r in 0..<replicates {
            var a = lanes.summaries[r], b = frontier.summaries[r]
            #expect((a.crossBoundaryShare == nil) == (b.crossBoundaryShare == nil))
            if let share = a.crossBoundaryShare { #expect(share >= 0 && share <= 1) }
            a.crossBoundaryShare = nil
            b.crossBoundaryShare = nil
            #expect(a == b, "replicate \(r)")
        }
    }

    @Test func organisationNetworkWithGroupsMatchesTheFrontierKernel() throws {
        let network = try OrganisationNetwork(organisations: 4, teams: 5, teamSize: 10, leaders: ["nurse"]).generate(seed: 3)
        for theta in [0.1, 0.25, 0.4] {
            try Self.compare(LinearThreshold(thresholds: .fixed(theta)), network, replicates: 100, seeding: .random(count: 6))
        }
        try Self.compare(LinearThreshold(thresholds: .fixed(0.3)), network, replicates: 70, seeding: .random(count: 12), threads: 2)
    }

    @Test func scaleFreeNetworkGlobalAndSmallCascades() throws {
        let network = try BarabasiAlbert(n: 3000, m: 3).generate(seed: 1)
        for theta in [0.1, 0.2] {
            try Self.compare(LinearThreshold(thresholds: .fixed(theta)), network, replicates: 65, seeding: .random(count: 10))
        }
        try Self.compare(LinearThreshold(thresholds: .fixed(0.15)), network, replicates: 3, seeding: .degree(count: 5))
        // A cascade that stays below 1% of the network keeps the frontier kernel throughout.
        try Self.compare(LinearThreshold(thresholds: .fixed(0.6)), network, replicates: 10, seeding: .random(count: 2), expectLanes: false)
    }

    @Test func drawnThresholdsAndWeightsKeepTheFrontierKernel() throws {
        let population = Population(try BarabasiAlbert(n: 200, m: 2).generate(seed: 1))
        #expect(ThresholdLanes(LinearThreshold(thresholds: .uniform), population) == nil)
    }
}
