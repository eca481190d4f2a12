import Foundation
import NumericCore
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// What every model must do: the same seed gives the same output, on 1 thread or 2; counts by state
/// add up to n at every step; reach never falls; breakdowns by group add up to the totals.
@Suite("Model conformance")
struct ModelConformanceTests {
    static let network = try! OrganisationNetwork(organisations: 4, teams: 5, teamSize: 10, leaders: ["nurse"]).generate(seed: 3)

    static func check<M: DiffusionModel>(_ model: M, name: String) throws {
        let population = Population(network)
        let ensemble = Ensemble(replicates: 12, horizon: 25, seed: 9, seeding: .random(count: 5))
        let one = try Compute.withThreads(1) { try ensemble.run(model, on: population) }
        let two = try Compute.withThreads(2) { try ensemble.run(model, on: population) }
        #expect(one.stateCounts == two.stateCounts && one.reach == two.reach && one.summaries == two.summaries, "\(name): thread count changed the result")
        let again = try Compute.withThreads(2) { try ensemble.run(model, on: population) }
        #expect(again.stateCounts == two.stateCounts, "\(name): not reproducible")
        let other = try Ensemble(replicates: 12, horizon: 25, seed: 10, seeding: .random(count: 5)).run(model, on: population)
        #expect(other.stateCounts != one.stateCounts, "\(name): the seed changed nothing")
        let n = population.count
        for r in 0..<one.replicates {
            var previousReach = 0
            for t in 0..<one.steps {
                let total = AdoptionState.allCases.reduce(0) { $0 + one.count($1, replicate: r, step: t) }
                #expect(total == n, "\(name): counts add to \(total) at r \(r) t \(t)")
                let reach = Int(one.reach[r * one.steps + t])
                #expect(reach >= previousReach)
                previousReach = reach
                for g in one.groupNames.indices {
                    var adopted = 0
                    for level in one.groupLevels[g].indices { adopted += one.groupCount(g, level: level, .adopted, replicate: r, step: t) }
                    #expect(adopted == one.count(.adopted, replicate: r, step: t))
                }
            }
            #expect(one.count(.adopted, replicate: r, step: 0) == 5)
        }
    }

    @Test("independent cascade") func ic() throws { try Self.check(IndependentCascade(p: 0.2), name: "IC") }
    @Test("independent cascade, weighted cascade") func wc() throws { try Self.check(IndependentCascade(probability: .weightedCascade), name: "WC") }
    @Test("linear threshold") func lt() throws { try Self.check(LinearThreshold(thresholds: .uniform), name: "LT") }
    @Test("complex contagion") func cc() throws { try Self.check(ComplexContagion(rule: .absolute(2)), name: "CC") }
    @Test("Bass") func bass() throws { try Self.check(BassDiffusion(innovation: 0.01, imitation: 0.3), name: "Bass") }
    @Test("adoption with abandonment (SIR and SIS)") func abandonment() throws {
        try Self.check(AdoptionWithAbandonment(transmission: 0.2, abandonment: 0.1), name: "SIR")
        try Self.check(AdoptionWithAbandonment(transmission: 0.2, abandonment: 0.1, readoption: true), name: "SIS")
    }
    @Test("continuous-time SIR") func continuous() throws { try Self.check(ContinuousTimeSIR(transmissionRate: 0.3, abandonmentRate: 0.2), name: "cSIR") }
    @Test("continuous-time SIS") func continuousSIS() throws { try Self.check(ContinuousTimeSIS(transmissionRate: 0.3, abandonmentRate: 0.2), name: "cSIS") }
}
