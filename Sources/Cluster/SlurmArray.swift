/// Slurm's `--array` value: task ids as ranges, with the cap on how many run at once.
public enum SlurmArray {
    /// `0-3,7,9-11%C` for tasks [0, 1, 2, 3, 7, 9, 10, 11] and concurrency C.
    public static func spec(_ tasks: [Int], concurrent: Int?) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = tasks.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? String(sorted[i]) : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",") + (concurrent.map { "%\($0)" } ?? "")
    }

    /// A job name Slurm and the shell both take: `skein-` and the name's letters, digits, - and _.
    public static func jobName(_ name: String) -> String {
        let safe = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return "skein-" + String(safe.prefix(40))
    }

    /// Single-quoted for the shell, unless it needs no quoting.
    public static func quote(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:=@".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
