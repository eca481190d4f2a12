import NumericCore

/// A large corpus made from a real one, for scaling benchmarks (issue #6's 200k and 2M responses):
/// the first pass copies the responses unchanged; every later copy of a response drops each word
/// with probability `dropProbability` and swaps neighbouring words with probability
/// `swapProbability`, so the copies are near-duplicates rather than exact ones (exact copies would
/// let a pipeline that deduplicates skip the work). Each copy draws from its own stream
/// (seed, copy index, "corpus-replication"): the same corpus on any machine.
public struct CorpusReplication: Sendable {
    public var dropProbability = 0.15
    public var swapProbability = 0.10
    public var seed: UInt64

    public init(seed: UInt64 = 0) { self.seed = seed }

    public func replicate(_ texts: [String], to n: Int) -> [String] {
        guard !texts.isEmpty else { return [] }
        var out: [String] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let source = texts[i % texts.count]
            guard i >= texts.count else { out.append(source); continue }
            var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(i), purpose: Self.purpose)
            var words = source.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            var kept: [Substring] = []
            kept.reserveCapacity(words.count)
            for w in words where rng.nextUnitDouble() >= dropProbability { kept.append(w) }
            if kept.isEmpty, let first = words.first { kept.append(first) }
            words = kept
            var j = 0
            while j + 1 < words.count {
                if rng.nextUnitDouble() < swapProbability { words.swapAt(j, j + 1); j += 2 } else { j += 1 }
            }
            out.append(words.joined(separator: " "))
        }
        return out
    }

    static let purpose = StreamPurpose("corpus-replication")
}
