import Testing
@testable import Analysis

/// The replicated corpus behind the analyser's scale benchmarks: the originals first and unchanged,
/// then perturbed copies that keep most of their words, the same on every run.
@Suite("Corpus replication")
struct CorpusReplicationTests {
    static let texts = ["staff need more time for training on the new system",
                        "car parking is a daily problem for night shift staff",
                        "listening to patients improves discharge planning"]

    @Test func originalsFirstThenNearCopies() {
        let out = CorpusReplication(seed: 4).replicate(Self.texts, to: 3_000)
        #expect(out.count == 3_000 && Array(out.prefix(3)) == Self.texts)
        var kept = 0, total = 0, changed = 0
        for (i, copy) in out.enumerated().dropFirst(3) {
            let source = Self.texts[i % 3].split(separator: " ").map(String.init)
            let words = copy.split(separator: " ").map(String.init)
            // Every word of a copy comes from its source: drops and swaps only, nothing invented.
            #expect(Set(words).isSubset(of: Set(source)), "\(copy)")
            #expect(!words.isEmpty)
            kept += words.count
            total += source.count
            if copy != Self.texts[i % 3] { changed += 1 }
        }
        // About 85% of words survive (drop probability 0.15); a 9-word text comes through untouched
        // with probability ≈ 0.85⁹ · 0.9⁸ ≈ 0.1, so about nine copies in ten differ from their source.
        let share = Double(kept) / Double(total)
        #expect(share > 0.82 && share < 0.88, "\(share)")
        #expect(Double(changed) / 2_997 > 0.8)
    }

    @Test func sameSeedSameCorpusOtherSeedOther() {
        let a = CorpusReplication(seed: 1).replicate(Self.texts, to: 300)
        #expect(a == CorpusReplication(seed: 1).replicate(Self.texts, to: 300))
        #expect(a != CorpusReplication(seed: 2).replicate(Self.texts, to: 300))
        #expect(CorpusReplication(seed: 1).replicate([], to: 10).isEmpty)
        #expect(CorpusReplication(seed: 1).replicate(Self.texts, to: 2) == Array(Self.texts.prefix(2)))
    }
}
