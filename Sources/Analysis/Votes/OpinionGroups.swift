import Foundation
import NumericCore

/// Opinion groups from agree/disagree votes, following pol.is's published method (Small et al.
/// 2021, "Polis: Scaling deliberation by mapping high dimensional opinion spaces"), re-implemented
/// from its description:
///
/// 1. keep statements not moderated out and participants with at least `minimumVotes` votes on them;
/// 2. fill each missing vote with the statement's mean vote, centre, and take two principal
///    components (PCA on the statement covariance, one GEMM and a symmetric eigensolve);
/// 3. scale each participant's position by √(statements / their votes), so that people who voted
///    on few statements are not all pulled to the centre;
/// 4. as pol.is does, positions quantised into up to 100 base clusters, then k-means of the base
///    centres (weighted by size) into k = 2…`maxGroups` groups, keeping the k with the best
///    silhouette among those whose smallest group has at least `minimumGroupSize` people (no
///    splinter groups); up to a hundred restarts of the base clustering (`baseRestarts`) and ten
///    of each group level, so the split does not hinge on one seeding.
///    Participants are grouped by pol.is's rule: at least min(7, statements) votes, counting votes
///    on statements later moderated out (against pol.is's own exported groups, ARI over every
///    participant pol.is grouped: 0.778 and 0.821 on the two public conversations in ../shared);
/// 5. per group, representative statements (agreed or disagreed with more than by everyone else,
///    two-proportion z-test at 90%), and across groups, consensus statements (group-informed
///    consensus: the product over groups of the smoothed agreement rate).
public struct OpinionGroups: Sendable {
    public var minimumVotes = 7
    public var maxGroups = 5
    /// Smallest group allowed, in participants (default: the larger of 10 and 5% of those clustered).
    public var minimumGroupSize: Int?
    public var baseClusters = 100
    public var seed: UInt64 = 0
    /// Representative statements listed per group.
    public var representatives = 5

    public init(seed: UInt64 = 0) { self.seed = seed }

    /// Calls `body(j, vote)` for each of participant i's votes on a statement still in use, `j`
    /// its column among the used statements (`usedColumn`: −1 for moderated out).
    @inline(__always)
    static func forEachUsedVote(_ votes: SparseVotes, _ i: Int, _ usedColumn: [Int], _ body: (_ j: Int, _ vote: Int8) -> Void) {
        for k in votes.row(i) {
            let j = usedColumn[Int(votes.indices[k])]
            if j >= 0 { body(j, votes.values[k]) }
        }
    }

    /// Up to this many participant × statement cells the PCA is exact and dense (the statement
    /// covariance and a symmetric eigensolve); beyond, a randomized SVD of the sparse centred votes.
    static let denseLimit = 2e7

    /// The two leading principal directions of the sparse centred votes (randomized SVD, seven
    /// power iterations, signed like the dense path) and the members' positions on them.
    static func sparseProjection(_ votes: SparseVotes, members: [Int], usedColumn: [Int], means: [Double],
                                 seed: UInt64) throws -> (Matrix<Double>, [Double]) {
        let c = means.count
        var offsets = [0], indices: [UInt32] = [], values: [Double] = []
        var total = 0.0
        for i in members {
            forEachUsedVote(votes, i, usedColumn) { j, vote in
                let v = Double(vote) - means[j]
                indices.append(UInt32(j))
                values.append(v)
                total += v * v
            }
            offsets.append(indices.count)
        }
        let x = try SparseMatrix(rows: members.count, columns: c, rowOffsets: offsets, columnIndices: indices, values: values)
        let svd = try BLASRuntime.singleThreaded {
            try RandomizedSVD(rank: 2, powerIterations: 7, seed: seed, rightVectors: true).decompose(SparseOperator(x))
        }
        var axes = Matrix<Double>(rows: c, columns: 2)
        for a in 0..<min(2, svd.rank) {
            let big = (0..<c).max { abs(svd.vt[a, $0]) < abs(svd.vt[a, $1]) }!
            let sign: Double = svd.vt[a, big] < 0 ? -1 : 1
            for j in 0..<c { axes[j, a] = sign * svd.vt[a, j] }
        }
        let shares = svd.singularValues.prefix(2).map { $0 * $0 / max(total, 1e-300) }
        return (try x.multiplied(by: axes), shares + [Double](repeating: 0, count: max(0, 2 - shares.count)))
    }

    /// Restarts of the base clustering: as many as about 3·10⁷ point–centre distances allow, between
    /// 10 and 100. The groups are unions of base clusters, so a base clustering far from the best
    /// moves whole clusters across a group boundary; on the two public pol.is conversations, 10
    /// restarts gave an ARI against pol.is's groups of 0.69–0.79 from seed to seed (bowling-green)
    /// and 100 gave 0.77–0.82 at every seed tried. Large conversations get fewer restarts, where
    /// each base cluster holds many participants and the groups move less.
    static func baseRestarts(participants p: Int, clusters k: Int) -> Int {
        min(100, max(10, Int(3e7 / Double(max(1, p * k)))))
    }

    public struct Statement: Sendable, Codable, Equatable {
        public var comment: String
        public var text: String?
        /// "agree" or "disagree".
        public var direction: String
        /// Share of the group voting that way (smoothed) and how many times more likely than the rest.
        public var probability: Double
        public var representativeness: Double
        public var z: Double
    }

    public struct Result: Sendable {
        public var participants: [String]
        /// Per participant: group (−1: not clustered: too few votes), and position (NaN when not clustered).
        public var group: [Int]
        public var x: [Double]
        public var y: [Double]
        public var groupSizes: [Int]
        /// Silhouette of each k tried (nil: a group below the minimum size).
        public var silhouettes: [Int: Double?]
        public var minimumGroupSize: Int
        public var statementsUsed: Int
        public var explainedVariance: [Double]
        public var representative: [[Statement]]
        public var consensus: [Statement]
        /// Per statement (used ones), per group: agree, disagree, pass counts.
        public var statementIDs: [String]
        public var counts: [[(agree: Int, disagree: Int, pass: Int)]]
    }

    public enum VotesError: Error, CustomStringConvertible {
        case tooFew(participants: Int, statements: Int)
        public var description: String {
            switch self {
            case let .tooFew(p, s): return "too little to group: \(p) participants with enough votes on \(s) statements (need at least 4 and 2)"
            }
        }
    }

    public func analyse(_ m: VoteMatrix) throws -> Result {
        let used = m.comments.indices.filter { !m.moderatedOut.contains(m.comments[$0]) }
        let needed = min(minimumVotes, used.count)
        // Statement index → its column among the used ones (−1: moderated out).
        var usedColumn = [Int](repeating: -1, count: m.comments.count)
        for (j, col) in used.enumerated() { usedColumn[col] = j }
        let votes = m.votes
        let voteCounts = m.participants.indices.map { i in
            var n = 0
            Self.forEachUsedVote(votes, i, usedColumn) { _, _ in n += 1 }
            return n
        }
        // pol.is's rule for who is grouped counts every vote a participant cast, on moderated-out
        // statements too (its raw rating matrix), against min(7, statements shown).
        let members = m.participants.indices.filter { votes.row($0).count >= max(1, needed) && voteCounts[$0] > 0 }
        guard members.count >= 4, used.count >= 2 else { throw VotesError.tooFew(participants: members.count, statements: used.count) }
        let p = members.count, c = used.count

        // Centred votes with missing ones at the statement mean, which is 0 after centring: the
        // centred matrix has the votes' sparsity.
        var sums = [Double](repeating: 0, count: c), seen = [Double](repeating: 0, count: c)
        for i in members {
            Self.forEachUsedVote(votes, i, usedColumn) { j, vote in
                sums[j] += Double(vote)
                seen[j] += 1
            }
        }
        let means = (0..<c).map { seen[$0] > 0 ? sums[$0] / seen[$0] : 0 }
        var projection: Matrix<Double>, explained: [Double]
        if Double(p) * Double(c) <= Self.denseLimit {
            // Two principal axes from the statement covariance (thread-count invariant: same groups at any --threads).
            var x = Matrix<Double>(rows: p, columns: c)
            for (r, i) in members.enumerated() {
                Self.forEachUsedVote(votes, i, usedColumn) { j, vote in x[r, j] = Double(vote) - means[j] }
            }
            let pca = try PrincipalComponents.axes(ofCentred: x, count: 2)
            explained = pca.shares
            projection = try x.multipliedByRowBlocks(by: pca.axes)
        } else {
            (projection, explained) = try Self.sparseProjection(votes, members: members, usedColumn: usedColumn, means: means, seed: seed)
        }
        for (r, i) in members.enumerated() {
            let scale = (Double(c) / Double(max(1, voteCounts[i]))).squareRoot()
            projection[r, 0] *= scale
            projection[r, 1] *= scale
        }

        // Groups as pol.is forms them: the participants' positions quantised into up to
        // `baseClusters` base clusters (k-means, ten restarts), then, for k = 2…maxGroups, k-means of
        // the base centres weighted by their sizes; each participant takes its base cluster's group.
        // Silhouette scores each k — exact on the participants up to 4 000 of them, on the weighted
        // base centres above (as pol.is scores it).
        let minimum = minimumGroupSize ?? max(10, Int((0.05 * Double(p)).rounded(.up)))
        let baseK = min(baseClusters, p)
        let base = try KMeans(k: baseK, restarts: Self.baseRestarts(participants: p, clusters: baseK), seed: seed).fit(projection)
        var baseSizes = [Double](repeating: 0, count: base.centres.rows)
        for l in base.labels { baseSizes[l] += 1 }
        var silhouettes: [Int: Double?] = [:]
        var best: (k: Int, score: Double, labels: [Int])?
        // A k whose groups cannot all reach the minimum size is never chosen: no need to fit it.
        for k in 2...max(2, min(maxGroups, p / max(1, minimum))) where k < p && k <= base.centres.rows {
            let fit = try KMeans(k: k, restarts: 10, seed: seed &+ UInt64(k)).fit(base.centres, weights: baseSizes)
            let labels = base.labels.map { fit.labels[$0] }
            var size = [Int](repeating: 0, count: k)
            for l in labels { size[l] += 1 }
            guard size.min()! >= minimum else {
                silhouettes[k] = .some(nil)
                continue
            }
            let score = p <= 4000 ? Silhouette.score(projection, labels: labels, weights: nil)
                : Silhouette.score(base.centres, labels: fit.labels, weights: baseSizes)
            silhouettes[k] = score
            if best == nil || score > best!.score + 1e-12 { best = (k, score, labels) }
        }
        // Groups in order of size (largest first), so ids are stable across runs.
        let k = best?.k ?? 1
        let labels = best?.labels ?? [Int](repeating: 0, count: p)
        var size = [Int](repeating: 0, count: k)
        for l in labels { size[l] += 1 }
        let rank = (0..<k).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        var relabel = [Int](repeating: 0, count: k)
        for (newID, old) in rank.enumerated() { relabel[old] = newID }

        var group = [Int](repeating: -1, count: m.participants.count)
        var px = [Double](repeating: .nan, count: m.participants.count), py = px
        for (r, i) in members.enumerated() {
            group[i] = relabel[labels[r]]
            px[i] = projection[r, 0]
            py[i] = projection[r, 1]
        }
        let groupSizes = rank.map { size[$0] }

        // Vote counts per statement and group.
        var counts = [[(agree: Int, disagree: Int, pass: Int)]](repeating: [(agree: Int, disagree: Int, pass: Int)](repeating: (0, 0, 0), count: k), count: c)
        for i in members {
            let g = group[i]
            Self.forEachUsedVote(votes, i, usedColumn) { j, v in
                if v > 0 { counts[j][g].agree += 1 } else if v < 0 { counts[j][g].disagree += 1 } else { counts[j][g].pass += 1 }
            }
        }
        let ids = used.map { m.comments[$0] }
        let representative = (0..<k).map { g in Self.representativeStatements(g, counts: counts, ids: ids, text: m.text, limit: representatives) }
        let consensus = Self.consensusStatements(counts: counts, ids: ids, text: m.text, limit: representatives)
        return Result(participants: m.participants, group: group, x: px, y: py, groupSizes: groupSizes, silhouettes: silhouettes,
                      minimumGroupSize: minimum, statementsUsed: c,
                      explainedVariance: explained,
                      representative: representative, consensus: consensus, statementIDs: ids, counts: counts)
    }

    /// Two-proportion z statistic for p1 (n1 trials) against p2 (n2 trials).
    static func z(_ p1: Double, _ n1: Double, _ p2: Double, _ n2: Double) -> Double {
        let pooled = (p1 * n1 + p2 * n2) / max(1, n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / max(1, n1) + 1 / max(1, n2))).squareRoot()
        return se > 0 ? (p1 - p2) / se : 0
    }

    /// Statements group g agrees (or disagrees) with markedly more than everyone else.
    static func representativeStatements(_ g: Int, counts: [[(agree: Int, disagree: Int, pass: Int)]], ids: [String],
                                         text: [String: String], limit: Int) -> [Statement] {
        var found: [(Statement, Double)] = []
        for j in ids.indices {
            let mine = counts[j][g]
            var rest = (agree: 0, disagree: 0, pass: 0)
            for (h, other) in counts[j].enumerated() where h != g {
                rest.agree += other.agree; rest.disagree += other.disagree; rest.pass += other.pass
            }
            let seen = Double(mine.agree + mine.disagree + mine.pass), seenRest = Double(rest.agree + rest.disagree + rest.pass)
            guard seen >= 3 else { continue }
            for (direction, a, b) in [("agree", mine.agree, rest.agree), ("disagree", mine.disagree, rest.disagree)] {
                // Laplace-smoothed rates, as pol.is does, so tiny counts do not dominate.
                let p = (Double(a) + 1) / (seen + 2), q = (Double(b) + 1) / (seenRest + 2)
                let ratio = p / q
                let zScore = z(p, seen, q, seenRest)
                if ratio > 1 && zScore > 1.2816 && p > 0.5 {
                    found.append((Statement(comment: ids[j], text: text[ids[j]], direction: direction, probability: p,
                                            representativeness: ratio, z: zScore), ratio * p))
                }
            }
        }
        return found.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.comment < $1.0.comment }.prefix(limit).map(\.0)
    }

    /// Statements every group agrees with: the product over groups of the smoothed agreement rate.
    static func consensusStatements(counts: [[(agree: Int, disagree: Int, pass: Int)]], ids: [String], text: [String: String],
                                    limit: Int) -> [Statement] {
        var scored: [(Statement, Double)] = []
        for j in ids.indices {
            var product = 1.0, minimum = 1.0
            for c in counts[j] {
                let seen = Double(c.agree + c.disagree + c.pass)
                let p = (Double(c.agree) + 1) / (seen + 2)
                product *= p
                minimum = min(minimum, p)
            }
            guard minimum > 0.5 else { continue }
            scored.append((Statement(comment: ids[j], text: text[ids[j]], direction: "agree", probability: product,
                                     representativeness: minimum, z: 0), product))
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.comment < $1.0.comment }.prefix(limit).map(\.0)
    }
}
