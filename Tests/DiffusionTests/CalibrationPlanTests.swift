import Calibration
import Cluster
import Diffusion
import Foundation
import Graphs
import NumericCore
import Scenarios
import Simulation
import Testing
import TestSupport

/// Rejection ABC spread over a plan's tasks: each task's block of draws through its shard file, and
/// the calibration collected from them, must be the one-process calibration exactly.
@Suite("Calibration plans for a cluster")
struct CalibrationPlanTests {
    /// Adoption on a random nomination network, simulated by the engine (known p = 0.04, q = 0.5).
    static func data(seed: UInt64 = 11) throws -> DiffusionData {
        let n = 200
        var builder = GraphBuilder(directed: true)
        for i in 0..<n { _ = builder.addNode("v\(i)") }
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .networkGeneration)
        for i in 0..<n { for _ in 0..<4 { let j = rng.nextInt(below: n); if j != i { builder.addEdge(i, j) } } }
        let nominations = try builder.build()
        let truth: [String: ParameterValue] = ["innovation": .number(0.04), "imitation": .number(0.5)]
        let model = ModelSpec(try BassDiffusion(parameters: CatalogValues(owner: "bass", truth)), values: truth)
        var ensemble = Ensemble(replicates: 1, horizon: 9, seed: 99, seeding: .nodes((0..<8).map { "v\($0)" }))
        ensemble.recordAgents = true
        let result = try model.run(ensemble, on: Population(try CalibratedScenario.influenceNetwork(nominations)))
        let adoption: [Int?] = (0..<n).map { result.agentAdoptedAt[$0] >= 0 ? Int(result.agentAdoptedAt[$0]) + 1 : nil }
        return DiffusionData(labels: (0..<n).map { "v\($0)" }, adoption: adoption, periods: 10, nonAdopters: .censored, graph: nominations)
    }

    static func plan(_ simulator: ABCSimulator, simulations: Int, tasks: Int, arguments: [String] = ["data.csv"]) throws -> CalibrationPlan {
        try CalibrationPlan(arguments: arguments, workingDirectory: "/tmp", simulator: simulator, simulations: simulations, acceptance: 0.05,
                            tasks: tasks, resources: SlurmResources(), skein: "/usr/bin/skein", out: "/tmp/out")
    }

    @Test("draws split into contiguous blocks covering every draw once, for any task count")
    func blocks() throws {
        let simulator = try ABCSimulator(try Self.data(), model: try ABCCalibrationTests.bass, fit: ABCCalibrationTests.priors, seed: 1)
        for (simulations, tasks) in [(1000, 3), (1000, 1), (7, 7), (1001, 10), (100, 99)] {
            let plan = try Self.plan(simulator, simulations: simulations, tasks: tasks)
            let ranges = (0..<tasks).map(plan.draws(ofTask:))
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == simulations)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty && !$1.isEmpty })
            #expect(ranges.map(\.count).max()! - ranges.map(\.count).min()! <= 1)
        }
        #expect(throws: CalibrationPlan.PlanError.tooManyTasks(tasks: 11, simulations: 10)) { try Self.plan(simulator, simulations: 10, tasks: 11) }
    }

    @Test("tasks' shards written and read back give the one-process calibration exactly, at any task count")
    func shardsEqualOneProcess() throws {
        let data = try Self.data()
        let bass = try ABCCalibrationTests.bass
        let one = try ABCCalibration(data, model: bass, fit: ABCCalibrationTests.priors, simulations: 1_200, acceptance: 0.05, seed: 7)
        let simulator = try ABCSimulator(data, model: bass, fit: ABCCalibrationTests.priors, seed: 7)
        for tasks in [1, 5] {
            let plan = try Self.plan(simulator, simulations: 1_200, tasks: tasks)
            let folder = Fixtures.temporaryDirectory.appendingPathComponent("calplan-\(UUID().uuidString)")
            try plan.write(to: folder)
            // Each task regenerates all the draws and runs its own block, as `skein calibrate DIR --shard t/N` does.
            for t in (0..<tasks).reversed() {
                let range = plan.draws(ofTask: t)
                let runs = try simulator.run(Array(simulator.rejectionDraws(plan.simulations)[range]), offset: range.lowerBound)
                try CalibrationShard(plan: plan, task: t, runs: runs, seconds: 0).write(to: CalibrationPlan.shardURL(folder, t))
            }
            let status = try CalibrationStatus(directory: folder, slurm: nil)
            #expect(status.tasks(.done).count == tasks)
            let runs = try (0..<tasks).flatMap { try CalibrationShard.read(folder, task: $0, plan: plan).runs }
            let combined = ABCCalibration(rejection: simulator, draws: simulator.rejectionDraws(plan.simulations), runs: runs,
                                          acceptance: 0.05, seconds: 0)
            #expect(combined.draws == one.draws && combined.weights == one.weights)
            #expect(combined.posterior == one.posterior && combined.band == one.band && combined.correlations == one.correlations)
            #expect(combined.tolerance == one.tolerance && combined.warnings == one.warnings && combined.summaries == one.summaries)
        }
    }

    @Test("a folder keeps its own plan, refuses another, and a shard of another plan or changed inputs never counts")
    func refusals() throws {
        let data = try Self.data()
        let simulator = try ABCSimulator(data, model: try ABCCalibrationTests.bass, fit: ABCCalibrationTests.priors, seed: 7)
        let folder = Fixtures.temporaryDirectory.appendingPathComponent("calplan-\(UUID().uuidString)")
        let plan = try Self.plan(simulator, simulations: 100, tasks: 2)
        #expect(try plan.write(to: folder))
        #expect(try !plan.write(to: folder))
        let other = try Self.plan(simulator, simulations: 100, tasks: 2, arguments: ["other.csv"])
        #expect(throws: CalibrationPlan.PlanError.otherPlan(directory: folder.path)) { try other.write(to: folder) }
        // A shard written for the other plan is failed, not done, and says why.
        let range = other.draws(ofTask: 0)
        let runs = try simulator.run(Array(simulator.rejectionDraws(100)[range]), offset: 0)
        try CalibrationShard(plan: other, task: 0, runs: runs, seconds: 0).write(to: CalibrationPlan.shardURL(folder, 0))
        let status = try CalibrationStatus(directory: folder, slurm: nil)
        #expect(status.tasks.map(\.state) == [.failed, .missing])
        #expect(status.tasks[0].problem?.contains("another plan") == true)
        #expect(!status.finished)
        // Other data, other priors or another seed: another fingerprint, so tasks refuse to run.
        let changed = try ABCSimulator(try Self.data(seed: 12), model: try ABCCalibrationTests.bass, fit: ABCCalibrationTests.priors, seed: 7)
        let reseeded = try ABCSimulator(data, model: try ABCCalibrationTests.bass, fit: ABCCalibrationTests.priors, seed: 8)
        let narrowed = try ABCSimulator(data, model: try ABCCalibrationTests.bass,
                                        fit: [FittedParameter(name: "innovation", low: 0, high: 0.2), ABCCalibrationTests.priors[1]], seed: 7)
        #expect(Set([simulator.fingerprint, changed.fingerprint, reseeded.fingerprint, narrowed.fingerprint]).count == 4)
    }
}

/// The simulator's fast mean threshold is ValenteThresholds' mean, bit for bit.
@Suite("Mean threshold for simulations")
struct MeanThresholdTests {
    @Test("equal to ValenteThresholds(data.with(adoption:)).mean on random adoption vectors")
    func sameBits() throws {
        let data = try CalibrationPlanTests.data()
        var rng = Xoshiro256PlusPlus(seed: 5, replicate: 0, purpose: .sampling)
        for _ in 0..<50 {
            let adoption: [Int?] = (0..<data.count).map { _ in rng.nextUnitDouble() < 0.3 ? nil : 1 + rng.nextInt(below: data.periods) }
            let slow = ValenteThresholds(data.with(adoption: adoption)).mean
            let fast = ValenteThresholds.meanThreshold(adoption: adoption.map { Int32($0 ?? 0) }, offsets: data.graph.csrOffsets,
                                                       targets: data.graph.csrTargets)
            #expect(slow.bitPattern == fast.bitPattern)
        }
    }
}
