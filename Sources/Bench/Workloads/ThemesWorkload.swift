import Analysis
import Foundation
import Tables

/// `skein analyse` on a responses file: reading the file is the input; vectorising, the SVD,
/// clustering and labelling are timed. `responses` above the file's size replicates the corpus
/// with perturbation (`CorpusReplication`) to reach a scale no public event corpus has.
public struct ThemesWorkload: Workload {
    public var file: String
    public var responses: Int?
    public var k: Int?
    public var method: ThemeFinder.Method
    public var seed: UInt64

    public init(file: String, responses: Int? = nil, k: Int? = nil, method: ThemeFinder.Method = .balanced, seed: UInt64 = 0) {
        self.file = file
        self.responses = responses
        self.k = k
        self.method = method
        self.seed = seed
    }

    public var unit: String { "responses" }

    public func prepare() throws -> [String] {
        let texts = try ResponseTable.read(file).texts
        guard let responses, responses != texts.count else { return texts }
        return responses < texts.count ? Array(texts.prefix(responses)) : CorpusReplication(seed: seed).replicate(texts, to: responses)
    }

    public func execute(_ texts: [String]) throws -> WorkloadOutcome {
        var finder = ThemeFinder(k: k, seed: seed)
        finder.method = method
        let result = try finder.analyse(texts)
        var c = Checksum()
        c.add(result.assignments)
        c.add(quantised: result.similarity)
        for theme in result.themes {
            c.add(theme.size)
            c.add(theme.label)
        }
        let largest = result.themes.map(\.size).max() ?? 0
        return WorkloadOutcome(checksum: c.hex(), work: Double(texts.count),
                               figures: ["themes": Double(result.themes.count), "largest_theme": Double(largest),
                                         "other": Double(result.assignments.filter { $0 < 0 }.count)])
    }
}
