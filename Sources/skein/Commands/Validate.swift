import ArgumentParser
import Foundation
import NumericCore
import Scenarios

/// `skein validate`: every problem in a scenario file, each at file:line:column, before any run.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file and report every problem as file:line:column: message (hint).",
        discussion: """
            Checks the YAML (or JSON), every key (unknown keys get a did-you-mean), types and ranges, and — with \
            the network built — attributes, values, node labels, seed counts and interventions against it; every \
            comparison arm (compare:) the same way, and every value of every sweep axis against the document it changes. \
            Exits 0 when the scenario is valid, 1 when it is not.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).") var file: String
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value, e.g. --set model.p=0.1 (repeatable).", valueName: "path=value"))
    var overrides: [String] = []
    @Flag(name: .customLong("no-network"), help: "Skip the checks that need the network built.") var noNetwork = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var compute: ComputeOptions

    func run() throws {
        var problems: [Diagnostic] = []
        var other: String?
        var scenario: Scenario?
        var estimate: Double?
        let threads = compute.threads ?? Compute.defaultThreads
        do {
            scenario = try ScenarioLoader.load(file, overrides: overrides)
            let prepared = noNetwork ? nil : try scenario!.prepare()
            // The arms as a run builds them (sharing the base's network), or decoded without it; then the
            // sweep's values: the problems of both together.
            var found: [Diagnostic] = []
            let checks: [() throws -> Void] = [
                {
                    if let prepared {
                        // With the network built, the run's time is measured from a pilot replicate and checked against --time-limit.
                        let comparison = try PreparedComparison(prepared)
                        estimate = try comparison.estimatedSeconds(threads: threads)
                        try comparison.checkTime(threads: threads)
                    } else {
                        _ = try scenario!.mapArms { _, _ in () }
                    }
                },
                { try scenario!.checkSweepValues() },
            ]
            for check in checks {
                do { try check() } catch let ScenarioError.invalid(list) { found += list }
            }
            if !found.isEmpty { throw ScenarioError.invalid(found) }
        } catch let error as ScenarioError {
            problems = error.diagnostics
            if problems.isEmpty { other = error.description }
        } catch {
            other = "\(file): \(error)"
        }
        if output.json {
            var object: [String: Any] = [
                "file": file, "valid": problems.isEmpty && other == nil,
                "problems": problems.map { ["file": $0.origin.file, "line": $0.origin.line, "column": $0.origin.column,
                                            "message": $0.message, "hint": $0.hint ?? ""] as [String: Any] } + (other.map { [["message": $0]] } ?? []),
            ]
            if let estimate { object["estimated_seconds"] = estimate; object["threads"] = threads }
            try OutputOptions.printJSON(object)
        } else {
            for p in problems { print(p.description) }
            if let other { print(other) }
            if problems.isEmpty && other == nil, let scenario {
                print("\(file): valid — \(scenario.model.name), \(scenario.replicates) replicates × \(scenario.horizon) steps, \(scenario.interventions.count) intervention\(scenario.interventions.count == 1 ? "" : "s")\(scenario.arms.isEmpty ? "" : ", \(scenario.arms.count) comparison arm\(scenario.arms.count == 1 ? "" : "s")")\(scenario.sweep != nil ? ", with a sweep" : "")")
                if let estimate {
                    print("estimated simulation time: about \(TimeBudget.format(estimate)) on \(threads) thread\(threads == 1 ? "" : "s") (from a pilot replicate; --time-limit refuses more)")
                }
            } else {
                let n = problems.count + (other == nil ? 0 : 1)
                print("\(file): \(n) problem\(n == 1 ? "" : "s")")
            }
        }
        if !problems.isEmpty || other != nil { throw ExitCode(1) }
    }
}
