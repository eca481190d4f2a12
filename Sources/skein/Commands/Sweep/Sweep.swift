import ArgumentParser

/// `skein sweep`: run a sweep (the default), or see where a cluster plan stands.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario's sweep into a SQLite database, on this machine or as a Slurm job array.",
        discussion: """
            skein sweep FILE --db OUT.sqlite runs it here (see skein sweep run --help); skein sweep FILE --slurm DIR \
            writes a plan and sbatch script for a cluster ([--submit]); skein sweep status DIR says where its tasks \
            stand ([--retry failed]); skein merge OUT.sqlite DIR combines them.
            """,
        subcommands: [SweepRun.self, SweepStatusCommand.self],
        defaultSubcommand: SweepRun.self
    )
}
