/// What each array task asks Slurm for, and the `#SBATCH` lines that ask it.
public struct SlurmResources: Codable, Sendable, Equatable {
    /// Wall time per task, in Slurm's forms (minutes, MM:SS, HH:MM:SS, D-HH:MM:SS).
    public var time: String
    /// Memory per task (`--mem`), e.g. 2G.
    public var memory: String
    /// Cores per task, and the threads skein uses in it.
    public var cpusPerTask: Int
    /// At most this many tasks at once (`--array=…%C`).
    public var concurrent: Int?
    public var partition: String?
    public var account: String?
    public var qos: String?
    /// Further `#SBATCH` options, verbatim (e.g. `--constraint=avx2`).
    public var extra: [String]

    public init(time: String = "2:00:00", memory: String = "2G", cpusPerTask: Int = 1, concurrent: Int? = nil,
                partition: String? = nil, account: String? = nil, qos: String? = nil, extra: [String] = []) {
        self.time = time
        self.memory = memory
        self.cpusPerTask = cpusPerTask
        self.concurrent = concurrent
        self.partition = partition
        self.account = account
        self.qos = qos
        self.extra = extra
    }

    /// The directives of one job (an array when `array` is given), its output appended to `output`
    /// (Slurm's patterns: `%a` the task id, `%4a` zero-padded).
    public func directives(jobName: String, array: String?, output: String) -> [String] {
        var lines = ["#SBATCH --job-name=\(SlurmArray.jobName(jobName))"]
        if let array { lines.append("#SBATCH --array=\(array)") }
        lines += [
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=\(cpusPerTask)",
            "#SBATCH --mem=\(memory)",
            "#SBATCH --time=\(time)",
            "#SBATCH --output=\(output)",
            "#SBATCH --open-mode=append",
        ]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let account { lines.append("#SBATCH --account=\(account)") }
        if let qos { lines.append("#SBATCH --qos=\(qos)") }
        return lines + extra.map { "#SBATCH \($0)" }
    }
}
