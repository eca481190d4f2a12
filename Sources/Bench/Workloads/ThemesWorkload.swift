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
    public var method: any CatalogClusterer.Type
    public var seed: UInt64
    /// A file of true labels, one integer per line and response (STC2's `*_gnd.txt`): NMI and ARI
    /// of the themes against them become outcome figures.
    public var labels: String?

    public init(file: String, responses: Int? = nil, k: Int? = nil, method: any CatalogClusterer.Type = BalancedKMeans.self, seed: UInt64 = 0,
                labels: String? = nil) {
        self.file = file
        self.labels = labels
        self.responses = responses
        self.k = k
        self.method = method
        self.seed = seed
    }

    public var unit: String { "responses" }

    public struct Input: Sendable {
        public var texts: [String]
        public var labels: [Int]?
    }

    /// One whole-number label per line (blank lines skipped), exactly one per response.
    static func readLabels(_ path: String, count: Int, file: String) throws -> [Int] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var values: [Int] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let field = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if field.isEmpty { continue }
            guard let v = Int(field) else { throw TableError(file: path, line: i + 1, message: "expected a whole-number label, got \"\(field)\"") }
            values.append(v)
        }
        guard values.count == count else {
            throw TableError(file: path, line: values.count, message: "\(values.count) labels for \(count) responses in \(file)")
        }
        return values
    }

    public func prepare() throws -> Input {
        var texts = try ResponseTable.read(file).texts
        var truth = try labels.map { try Self.readLabels($0, count: texts.count, file: file) }
        if let responses, responses != texts.count {
            let base = texts.count
            texts = responses < base ? Array(texts.prefix(responses)) : CorpusReplication(seed: seed).replicate(texts, to: responses)
            truth = truth.map { t in (0..<responses).map { t[$0 % base] } }
        }
        return Input(texts: texts, labels: truth)
    }

    public func execute(_ input: Input) throws -> ThemeFinder.Result {
        var finder = ThemeFinder(k: k, seed: seed)
        finder.method = method
        return try finder.analyse(input.texts)
    }

    public func outcome(_ result: ThemeFinder.Result, input: Input) throws -> WorkloadOutcome {
        let texts = input.texts
        var c = Checksum()
        c.add(result.assignments)
        c.add(quantised: result.similarity)
        for theme in result.themes {
            c.add(theme.size)
            c.add(theme.label)
        }
        let largest = result.themes.map(\.size).max() ?? 0
        var figures = ["themes": Double(result.themes.count), "largest_theme": Double(largest),
                       "other": Double(result.assignments.filter { $0 < 0 }.count)]
        if let truth = input.labels {
            let information = NormalizedMutualInformation.parts(truth, result.assignments)
            figures["nmi"] = information.normalized
            figures["homogeneity"] = information.homogeneityOfA
            figures["ari"] = AdjustedRandIndex.score(result.assignments, truth)
        }
        return WorkloadOutcome(checksum: c.hex(), work: Double(texts.count), figures: figures)
    }
}
