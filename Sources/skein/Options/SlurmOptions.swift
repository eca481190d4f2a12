import ArgumentParser
import Cluster
import Foundation

/// What each task of a Slurm plan asks for (`skein sweep --slurm`, `skein calibrate --slurm`).
struct SlurmOptions: ParsableArguments {
    @Option(name: .long, help: "With --slurm: at most this many tasks at once (the array's %C; default 100).") var concurrent: Int?
    @Option(name: .long, help: "With --slurm: wall time per task (sbatch --time).") var time = SlurmResources().time
    @Option(name: .long, help: "With --slurm: memory per task (sbatch --mem).") var mem = SlurmResources().memory
    @Option(name: .long, help: "With --slurm: the partition.") var partition: String?
    @Option(name: .long, help: "With --slurm: the account charged.") var account: String?
    @Option(name: .long, help: "With --slurm: the QOS.") var qos: String?
    @Option(name: .customLong("sbatch-option"), help: ArgumentHelp("With --slurm: a further #SBATCH option, verbatim (repeatable).", valueName: "option"))
    var sbatchOptions: [String] = []

    func validate() throws {
        if let concurrent, concurrent < 1 { throw ValidationError("--concurrent must be at least 1 (got \(concurrent))") }
    }

    /// The options given that only a plan uses, by name: refused without --slurm.
    var givenNames: [String] {
        [concurrent.map { _ in "--concurrent" }, partition.map { _ in "--partition" }, account.map { _ in "--account" },
         qos.map { _ in "--qos" }, sbatchOptions.isEmpty ? nil : "--sbatch-option"].compactMap { $0 }
    }

    func resources(cpusPerTask: Int, tasks: Int) -> SlurmResources {
        SlurmResources(time: time, memory: mem, cpusPerTask: cpusPerTask, concurrent: concurrent ?? min(tasks, 100),
                       partition: partition, account: account, qos: qos, extra: sbatchOptions)
    }

    /// This executable's absolute path, for the tasks to run.
    static func executable() -> String {
        let proc = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if proc != "/proc/self/exe" { return proc }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
