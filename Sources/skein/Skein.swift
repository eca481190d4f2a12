import ArgumentParser
import NumericCore
import Provenance

/// The `skein` command: one entry point for simulation, analysis, reports and benchmarks.
@main
struct Skein: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skein",
        abstract: "Simulate how change spreads through health and care networks; make sense of large-event input.",
        discussion: """
            Run `skein doctor` first on a new machine: it checks the BLAS/LAPACK installation and prints the \
            provenance a researcher records with results.
            """,
        version: BuildInfo.versionString,
        subcommands: [Doctor.self, Network.self, DiffusionCommand.self, Calibrate.self, Validate.self, Run.self, Sweep.self, Merge.self, Analyse.self, AnalyseVotes.self, Assign.self, Models.self, Report.self, Export.self, BenchCommand.self, Schema.self]
    )

    static func main() {
        LargeAllocations.reuseFreedPages()
        main(nil)
    }
}
