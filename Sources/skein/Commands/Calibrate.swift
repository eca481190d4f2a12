import ArgumentParser
import Calibration
import Diffusion
import Foundation
import Graphs
import Outputs
import Reports
import Scenarios
import Simulation
import Tables

extension NetworkHazardModel.Baseline: ExpressibleByArgument {}
extension ABCCalibration.Method: ExpressibleByArgument {}
extension NetworkHazardModel.Scale: ExpressibleByArgument {}

/// `skein calibrate`: fit a diffusion model to real adoption data and say what the data identify.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the network hazard model to individual adoption times by maximum likelihood, test contagion against shared timing, and say what the data identify.",
        discussion: """
            The model: a person not yet adopted adopts in period t with probability 1 − (1 − p_t)^exp(β·x) · (1 − q)^k, k \
            their exposure at t − 1 (--scale count of adopted alters, or share), p_t a constant or period-specific \
            baseline, x the --covariates (numeric columns of DATA). Both baselines are fitted unless --baseline names \
            one; q = 0 is tested by the likelihood ratio, and adoption times are permuted within --group groups \
            (--permutations) to see whether q exceeds what shared timing gives. --out DIR writes calibration.json and \
            the tidy calibration.csv (model, parameter, estimate, se, low, high, method).
            Example: skein calibrate nodes.csv --id node_id --network edges.csv --group city

            On a Slurm cluster, --slurm DIR (with --fit, rejection ABC) writes a plan instead of running: an array \
            whose tasks each simulate a block of the draws, and a finishing job after it that writes the \
            calibration, the same as one process would. DATA may then be the plan folder: alone it shows where \
            the plan stands, --submit submits what is unfinished, --shard t/N and --finish are what the jobs run.
            """
    )

    @OptionGroup var input: DiffusionDataOptions
    @Option(name: .long, help: "Baseline: constant or period-specific (default: both).") var baseline: NetworkHazardModel.Baseline?
    @Option(name: .long, help: "Exposure as a count of adopted alters or their share.") var scale: NetworkHazardModel.Scale = .count
    @Option(name: .long, help: ArgumentHelp("Numeric columns of DATA as covariates, comma-separated.", valueName: "columns")) var covariates: String?
    @Option(name: .long, help: "Permutations of adoption times within groups (0: none).") var permutations = 200
    @Option(name: .long, help: "Seed of the permutations.") var seed: UInt64 = 0
    @Option(name: .customLong("holdout-after"), help: "Fit on periods up to this one (the data's value) and predict the rest, beside a Bass curve fitted to the same periods.")
    var holdoutAfter: Int?
    @Option(name: .customLong("holdout-groups"), help: ArgumentHelp("Fit on the other groups and predict these (comma-separated levels of --group).", valueName: "groups"))
    var holdoutGroups: String?
    @Option(name: .long, help: "Simulations of the fitted model for held-out predictions.") var simulations = 1000
    @Option(name: .long, help: "A base scenario: its model (and interventions, waning) is what --fit calibrates; calibrated.yaml extends it.") var scenario: String?
    @Option(name: .long, help: ArgumentHelp("Calibrate a model parameter by simulation (ABC) with a uniform prior: model.NAME=LOW:HIGH (repeatable).", valueName: "model.name=low:high"))
    var fit: [String] = []
    @Option(name: .long, help: "Without --scenario, the model --fit calibrates (its other parameters at the catalog's typical values).") var model = "bass"
    @Option(name: .long, help: "ABC: rejection (the nearest --accept share of --abc-simulations draws) or smc (adaptive population Monte Carlo).")
    var method: ABCCalibration.Method = .rejection
    @Option(name: .customLong("abc-simulations"), help: "ABC: simulations in all.") var abcSimulations = 20_000
    @Option(name: .long, help: "ABC: the share of draws accepted (rejection), or of the budget kept as each round's particles (smc; at least 50).")
    var accept = 0.01
    @Flag(name: .customLong("curve-only"), help: "ABC: match the adoption curve alone (not also the mean exposure at adoption).") var curveOnly = false
    @Option(name: .long, help: "A folder for calibration.json, calibration.csv, and calibrated.yaml with its network.graphml.") var out: String?
    @Flag(name: .long, help: "Replace --out if it exists.") var force = false
    @Flag(name: .long, help: "Also write report.html into --out (skein report DIR writes it later too).") var report = false
    @Flag(name: .long, help: "One JSON object.") var json = false

    @Option(name: .long, help: ArgumentHelp("ABC (rejection): write a Slurm job-array plan into this folder instead of running.", valueName: "dir"))
    var slurm: String?
    @Option(name: .long, help: "With --slurm: array tasks (default: one per 1 000 simulations, at most MaxArraySize − 1).") var tasks: Int?
    @Flag(name: .long, help: "With --slurm, or with a plan folder as DATA: submit the unfinished tasks and the finishing job after them.")
    var submit = false
    @Option(name: .long, help: ArgumentHelp("With a plan folder as DATA: run task t+1 of N (what its array task runs).", valueName: "t/N"))
    var shard: String?
    @Flag(name: .long, help: "With a plan folder as DATA: combine the tasks' runs and write the calibration (what the finishing job runs).")
    var finish = false
    @OptionGroup(title: "Slurm resources") var cluster: SlurmOptions
    @OptionGroup var compute: ComputeOptions

    func validate() throws {
        guard (0...100_000).contains(permutations) else { throw ValidationError("--permutations must be between 0 and 100 000") }
        guard (1...1_000_000).contains(simulations) else { throw ValidationError("--simulations must be between 1 and 1 000 000") }
        guard (100...10_000_000).contains(abcSimulations) else { throw ValidationError("--abc-simulations must be between 100 and 10 000 000") }
        guard accept > 0 && accept < 1 else { throw ValidationError("--accept must be between 0 and 1") }
        if report && out == nil { throw ValidationError("--report writes into --out: give the folder") }
        for f in fit { do { _ = try FittedParameter.parse(f) } catch { throw ValidationError("\(error)") } }
        if holdoutAfter != nil && holdoutGroups != nil { throw ValidationError("give --holdout-after or --holdout-groups, not both") }
        if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1 (got \(tasks))") }
        if let shard {
            let parts = shard.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { throw ValidationError("--shard must be t/N with 1 ≤ t ≤ N (got \(shard))") }
        }
        if shard != nil && finish { throw ValidationError("--shard runs one task, --finish combines them: give one") }
        if slurm != nil {
            guard !fit.isEmpty else { throw ValidationError("--slurm plans a calibration by simulation: give the parameters to fit with --fit model.NAME=LOW:HIGH") }
            guard method == .rejection else {
                throw ValidationError("""
                    --slurm runs rejection ABC (--method rejection): its draws are independent, so they split into array tasks and \
                    give the same posterior as one process. ABC-SMC's rounds each need the whole previous population and propose \
                    until enough particles are accepted, so one job array per batch would spend its time in the queue; run --method \
                    smc on one node with --threads, or rejection ABC with more simulations on the cluster
                    """)
            }
            if shard != nil || finish { throw ValidationError("--shard and --finish run a plan's tasks: give the plan folder as DATA, without --slurm") }
        } else {
            let planOnly = [tasks.map { _ in "--tasks" }].compactMap { $0 } + cluster.givenNames
            if let first = planOnly.first { throw ValidationError("\(first) goes with --slurm DIR") }
        }
    }

    func run() throws {
        if let plan = Self.planFolder(input.data) { return try compute.run { try runPlan(plan) } }
        if shard != nil || finish || (submit && slurm == nil) {
            throw ValidationError("--shard, --finish and --submit (without --slurm) take a plan folder as DATA: \(input.data) is not one")
        }
        if let slurm { return try compute.run { try writePlan(URL(fileURLWithPath: slurm)) } }
        try compute.run { try fit.isEmpty ? runLikelihood() : runABC() }
    }

    func runLikelihood() throws {
        var result: LikelihoodCalibration
        do {
            let data = try input.load()
            let columns = covariates.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            let model = NetworkHazardModel(scale: scale, exposure: input.exposureRule, covariates: columns)
            result = try LikelihoodCalibration(data, model: model, baselines: baseline.map { [$0] } ?? NetworkHazardModel.Baseline.allCases,
                                               permutations: permutations, seed: seed)
            if let after = holdoutAfter {
                let t = after - data.firstPeriodValue + 1
                guard t >= 2 && t < data.periods else {
                    throw ValidationError("--holdout-after \(after) must leave at least two periods to fit and one to predict (periods \(data.periodValue(1))–\(data.periodValue(data.periods)))")
                }
                result.holdout = try HoldoutValidation(data, model: model, after: t, simulations: simulations, seed: seed)
            } else if let groups = holdoutGroups {
                result.holdout = try HoldoutValidation(data, model: model, groups: groups.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                                       simulations: simulations, seed: seed)
            }
            if let out {
                let encoded = try withCommand(try Self.encoder.encode(result))
                // The scenario runs the share-scale, constant-baseline fit (what the engine's bass model is).
                let shareFit = try NetworkHazardModel(scale: .share, exposure: Exposure(direction: .outgoing)).fit(data)
                let calibrated = try CalibratedScenario(data, shareFit: shareFit, dataFile: input.data, base: scenario.map { Self.relative($0, from: out) },
                                                    cleared: try Self.baseKeys(scenario))
                try AtomicFolder.write(URL(fileURLWithPath: out), force: force) { dir in
                    try AtomicFile.write(encoded, to: dir.appendingPathComponent(CalibrationFolder.File.calibration))
                    try AtomicFile.write(Data(Self.tidy(result).utf8), to: dir.appendingPathComponent(CalibrationFolder.File.table))
                    if report { try AtomicFile.write(try CalibrationReport.html(directory: dir), to: dir.appendingPathComponent(CalibrationFolder.File.report)) }
                    try NetworkFormatCatalog.write(calibrated.network, to: dir.appendingPathComponent(CalibratedScenario.networkFile))
                    try AtomicFile.write(Data(calibrated.yaml.utf8), to: dir.appendingPathComponent(CalibratedScenario.scenarioFile))
                }
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        if json {
            print(String(decoding: try Self.encoder.encode(result), as: UTF8.self))
            return
        }
        for fit in result.fits {
            print("network hazard, \(fit.baseline) baseline, exposure as \(fit.scale): \(fit.rows) person-periods, \(fit.events) adoptions"
                  + (fit.excluded > 0 ? " (\(fit.excluded) people without covariates left out)" : ""))
            for e in fit.estimates {
                let name = e.parameter.padding(toLength: max(14, e.parameter.count), withPad: " ", startingAt: 0)
                print("  \(name) " + String(format: "%10.5f  se %8.5f  95%% %9.5f – %.5f", e.estimate, e.standardError, e.low, e.high))
            }
            print(String(format: "  log-likelihood %.3f (without the network %.3f); LR %.2f, p = %.3f%@", fit.logLikelihood,
                         fit.logLikelihoodWithoutNetwork, fit.likelihoodRatio, fit.pValue, fit.converged ? "" : " (did not converge)"))
        }
        print("")
        print(result.verdict)
        if let h = result.holdout {
            print("")
            print("held out (\(h.holdout)): fitted p = \(String(format: "%.4f", h.fitted.estimates[0].estimate)), q = \(String(format: "%.4f", h.fitted.q.estimate)); \(h.simulations) simulations")
            print("  period  observed  model   Bass")
            for p in h.predictions { print(String(format: "  %6d  %8.3f  %6.3f  %6.3f", p.period, p.observed, p.model, p.bass)) }
            print(String(format: "  network model: KS %.3f, RMSE %.3f;  Bass curve on the same data: KS %.3f, RMSE %.3f", h.modelKS, h.modelRMSE, h.bassKS, h.bassRMSE))
        }
        if let out { print("calibration: \(out)/calibration.json, calibration.csv; calibrated scenario: \(out)/\(CalibratedScenario.scenarioFile) (skein run it)") }
    }

    /// What an ABC calibration runs: the data, the model with its fixed values, the base scenario and the priors.
    struct Problem {
        var data: DiffusionData
        var spec: ModelSpec
        var base: Scenario?
        var parameters: [FittedParameter]

        func simulator(individual: Bool, seed: UInt64) throws -> ABCSimulator {
            try ABCSimulator(data, model: spec, interventions: base?.interventions ?? [], waning: base?.waning, fit: parameters,
                             individual: individual, seed: seed)
        }
    }

    func problem() throws -> Problem {
        let data = try input.load()
        let parameters = try fit.map(FittedParameter.parse)
        if let scenario {
            let loaded = try ScenarioLoader.load(scenario)
            return Problem(data: data, spec: loaded.model, base: loaded, parameters: parameters)
        }
        guard let type = ModelCatalog.named(model) else {
            throw ValidationError("--model \(model): not a model (models: \(ModelCatalog.names.joined(separator: ", ")))")
        }
        var values = type.example
        for p in parameters { values[p.name] = .number((p.low + p.high) / 2) }
        let spec = ModelSpec(try type.init(parameters: CatalogValues(owner: type.name, values)), values: values)
        return Problem(data: data, spec: spec, base: nil, parameters: parameters)
    }

    /// The likelihood-free regime: ABC of the scenario's (or --model's) parameters on the engine.
    func runABC() throws {
        let abc: ABCCalibration
        do {
            let p = try problem()
            abc = try ABCCalibration(p.data, model: p.spec, interventions: p.base?.interventions ?? [], waning: p.base?.waning, fit: p.parameters,
                                     method: method, simulations: abcSimulations, acceptance: accept, individual: !curveOnly, seed: seed)
            if let out { try write(abc, p, to: out, force: force, arguments: Array(CommandLine.arguments.dropFirst())) }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        try show(abc)
    }

    /// The ABC calibration folder: calibration.json (with the command that remakes it), the tidy table,
    /// the calibrated scenario with its network, and the report when asked for.
    func write(_ abc: ABCCalibration, _ p: Problem, to out: String, force: Bool, arguments: [String]) throws {
        let encoded = try withCommand(try Self.encoder.encode(abc), arguments: arguments)
        let yaml = ABCScenarioText.yaml(abc, data: p.data, dataFile: input.data, base: scenario.map { Self.relative($0, from: out) }, model: p.spec,
                                        cleared: try Self.baseKeys(scenario))
        let network = try CalibratedScenario.influenceNetwork(p.data.graph)
        try AtomicFolder.write(URL(fileURLWithPath: out), force: force) { dir in
            try AtomicFile.write(encoded, to: dir.appendingPathComponent(CalibrationFolder.File.calibration))
            try AtomicFile.write(Data(Self.tidy(abc).utf8), to: dir.appendingPathComponent(CalibrationFolder.File.table))
            if report { try AtomicFile.write(try CalibrationReport.html(directory: dir), to: dir.appendingPathComponent(CalibrationFolder.File.report)) }
            try NetworkFormatCatalog.write(network, to: dir.appendingPathComponent(CalibratedScenario.networkFile))
            try AtomicFile.write(Data(yaml.utf8), to: dir.appendingPathComponent(CalibratedScenario.scenarioFile))
        }
    }

    /// What a person (or, with --json, a script) reads of an ABC calibration.
    func show(_ abc: ABCCalibration) throws {
        if json {
            print(String(decoding: try Self.encoder.encode(abc), as: UTF8.self))
            return
        }
        print("ABC (\(abc.method.rawValue)) of the \(abc.model) model: \(abc.simulations) simulations, \(abc.accepted) accepted (distance ≤ \(String(format: "%.4f", abc.tolerance))) in \(String(format: "%.2f", abc.seconds)) s")
        print("summaries: \(abc.summaries.joined(separator: ", "))")
        for p in abc.posterior {
            print(String(format: "  %@  median %.4f  mean %.4f  90%% %.4f – %.4f  (prior %.3g – %.3g)", p.parameter.padding(toLength: max(12, p.parameter.count), withPad: " ", startingAt: 0),
                         p.median, p.mean, p.low, p.high, p.priorLow, p.priorHigh))
        }
        for c in abc.correlations { print("  corr(\(c.first), \(c.second)) = \(String(format: "%.2f", c.r))") }
        print("posterior predictive (cumulative share: observed, 5%–95% of the accepted runs)")
        for b in abc.band { print(String(format: "  %6d  %.3f   %.3f – %.3f", b.period, b.observed, b.low, b.high)) }
        if abc.warnings.isEmpty {
            print("identifiability: no parameter pair is confounded and every interval is narrower than half its prior")
        } else {
            for w in abc.warnings { print("warning: \(w)") }
        }
        if let out { print("calibration: \(out)/calibration.json, calibration.csv; calibrated scenario: \(out)/\(CalibratedScenario.scenarioFile) (posterior medians)") }
    }

    static func tidy(_ abc: ABCCalibration) -> String {
        var csv = CSVWriter(header: CalibrationFolder.tableColumns)
        for p in abc.posterior {
            csv.row([abc.model, p.parameter, "\(p.median)", "", "\(p.low)", "\(p.high)", "ABC \(abc.method.rawValue), \(abc.simulations) simulations, posterior median and 90% interval"])
        }
        return csv.text
    }

    /// calibration.json with `command`: what remakes the folder (`data`, `network`, `scenario` as
    /// absolute paths, the other arguments as given), for notebooks to rerun it from anywhere.
    func withCommand(_ encoded: Data, arguments: [String] = Array(CommandLine.arguments.dropFirst())) throws -> Data {
        guard case var .object(object) = try JSONDecoder().decode(JSONValue.self, from: encoded) else { return encoded }
        func absolute(_ path: String) -> JSONValue { .string(URL(fileURLWithPath: path).standardizedFileURL.path) }
        var skip: Set<Int> = []
        for (i, a) in arguments.enumerated() {
            if ["--out", "--network", "--scenario"].contains(a) { skip.formUnion([i, i + 1]) }
            if ["--force", "--report", "--json"].contains(a) || a == input.data || a == "calibrate" { skip.insert(i) }
        }
        var command: [String: JSONValue] = ["data": absolute(input.data),
                                            "arguments": .array(arguments.indices.filter { !skip.contains($0) }.map { .string(arguments[$0]) })]
        if let network = input.network { command["network"] = absolute(network) }
        if let scenario { command["scenario"] = absolute(scenario) }
        object["command"] = .object(command)
        return try Self.encoder.encode(JSONValue.object(object))
    }

    /// The keys of the base scenario's network and seeding blocks (the calibrated scenario replaces both).
    static func baseKeys(_ scenario: String?) throws -> [String: [String]] {
        guard let scenario else { return [:] }
        let document = try ScenarioLoader.document(scenario)
        return ["network": document["network"]?.keys ?? [], "seeding": document["seeding"]?.keys ?? []]
    }

    /// `path` as seen from the folder `folder` (calibrated.yaml's `extends:` is read relative to it).
    static func relative(_ path: String, from folder: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// One row per model and parameter: what a spreadsheet or R reads.
    static func tidy(_ result: LikelihoodCalibration) -> String {
        var csv = CSVWriter(header: CalibrationFolder.tableColumns)
        func n(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
        for fit in result.fits {
            for e in fit.estimates {
                csv.row(["network-hazard \(fit.baseline)", e.parameter, n(e.estimate), n(e.standardError), n(e.low), n(e.high), "maximum likelihood"])
            }
        }
        if let p = result.permutation {
            csv.row(["permutation", "q", n(p.observedQ), "", "", n(p.percentile95), "within-group permutation, \(p.permutations) draws, p = \(p.pValue)"])
        }
        return csv.text
    }
}
