import NumericCore

/// k-means that keeps any one cluster from swallowing the rest. On short texts plain k-means
/// puts the generic responses ("best way to do this?") into one catch-all cluster several times
/// the fair share n/k. Here: k-means with restarts; then every cluster larger than
/// `maxShareOfFair` × n/k is split by 2-means until none is; then the two clusters whose centres
/// are most alike are merged (if their union is not oversized) until k remain.
public struct BalancedKMeans: Sendable {
    public var k: Int
    public var restarts: Int
    public var maxShareOfFair: Double
    public var seed: UInt64
    /// Capacity-constrained Lloyd passes after the split and merge: each point goes to the nearest
    /// centre that still has room, points with the clearest preference first.
    public var refinements: Int
    /// Single-precision distance products in the k-means runs (see `KMeans.singlePrecision`).
    public var singlePrecision = false
    /// Members of an oversized cluster that its 2-means split is fitted on (see `split`).
    public var splitSample = 4096

    public init(k: Int, restarts: Int = 3, maxShareOfFair: Double = 2, seed: UInt64 = 0, refinements: Int = 5) {
        self.k = k
        self.restarts = restarts
        self.maxShareOfFair = maxShareOfFair
        self.seed = seed
        self.refinements = refinements
    }

    /// Capacity-constrained reassignment (`refinements` passes). Each pass scores every response
    /// against the theme directions in one streamed product (no n × k matrix), keeps its best
    /// theme when that theme has room, and otherwise ranks the competitors for an over-full theme
    /// by their preference margin (best minus second-best similarity): the clearest `cap` stay,
    /// the rest — in the same order — go to the most similar theme that still has room. Only the
    /// competitors are sorted, so a pass over millions of responses costs one product.
    func refine<S: BLASScalar>(_ x: Matrix<S>, labels start: [Int], clusters k: Int, cap: Int) throws -> [Int] {
        let n = x.rows, d = x.columns
        var labels = start
        var best = [Int](repeating: 0, count: n), margin = [Double](repeating: 0, count: n)
        for _ in 0..<refinements {
            let centres = Centres.directions(x, labels: labels, count: k)
            try best.withUnsafeMutableBufferPointer { bp in
                try margin.withUnsafeMutableBufferPointer { mp in
                    let out = UncheckedSendable((bp, mp))
                    try x.streamRowBlockProducts(by: centres.converted(to: S.self), transposingOther: true) { _, rows, s in
                        let (bp, mp) = out.value
                        for (r, i) in rows.enumerated() {
                            var b = 0, first = -Double.infinity, second = -Double.infinity
                            for c in 0..<k {
                                let v = Double(s[r * k + c])
                                if v > first { second = first; first = v; b = c } else if v > second { second = v }
                            }
                            bp[i] = b
                            mp[i] = first - second
                        }
                    }
                }
            }
            let next = x.withUnsafeBufferPointer { xs in
                centres.withUnsafeBufferPointer { cs in
                    Self.assignUnderCapacity(best: best, margin: margin, clusters: k, cap: cap) { i, c in
                        var dot = 0.0
                        for j in 0..<d { dot += Double(xs[i * d + j]) * cs[c * d + j] }
                        return dot
                    }
                }
            }
            let changed = next != labels
            labels = next
            if !changed { break }
        }
        return labels
    }

    /// The most members a theme may have: `shareOfFair` times the fair share n/k (at least 2).
    static func capacity(_ n: Int, clusters k: Int, shareOfFair: Double = 2) -> Int {
        max(2, Int((shareOfFair * Double(n) / Double(max(1, k))).rounded(.down)))
    }

    /// The capacity step of a refinement pass. Each row's best theme (`best`) stands when that
    /// theme is within `cap`; an over-full theme keeps the `cap` competitors with the clearest
    /// preference (`margin`: best minus second-best similarity), and the rest, in that order, go to
    /// the most similar theme (`similarity(row, theme)`) that still has room. Only competitors are
    /// sorted and only displaced rows rescored, so a pass over millions costs its product.
    static func assignUnderCapacity(best: [Int], margin: [Double], clusters k: Int, cap: Int,
                                    similarity: (_ row: Int, _ theme: Int) -> Double) -> [Int] {
        let n = best.count
        var demand = [Int](repeating: 0, count: k)
        for i in 0..<n { demand[best[i]] += 1 }
        let overfull = demand.map { $0 > cap }
        var next = best
        guard overfull.contains(true) && cap * k >= n else { return next }
        var load = (0..<k).map { overfull[$0] ? 0 : demand[$0] }
        let competitors = (0..<n).filter { overfull[best[$0]] }
            .sorted { margin[$0] != margin[$1] ? margin[$0] > margin[$1] : $0 < $1 }
        var displaced: [Int] = []
        for i in competitors {
            if load[best[i]] < cap { load[best[i]] += 1 } else { displaced.append(i) }
        }
        for i in displaced {
            var target = -1, value = -Double.infinity
            for c in 0..<k where load[c] < cap {
                let s = similarity(i, c)
                if s > value { value = s; target = c }
            }
            load[target] += 1
            next[i] = target
        }
        return next
    }

    /// Halves of an oversized cluster by 2-means. Two centres are well placed by a few thousand
    /// members, so a big cluster is fitted on a seeded sample of `splitSample` of them and every
    /// member then goes to the nearer centre: the splits cost one pass over the cluster instead of
    /// ~20 Lloyd passes times the restarts (at 200 000 responses that was 3× the main k-means).
    func split(_ sub: Matrix<Double>, number: Int) throws -> [Int] {
        var twoMeans = KMeans(k: 2, restarts: restarts, seed: seed &+ 1000 &+ UInt64(number))
        twoMeans.singlePrecision = singlePrecision
        guard sub.rows > splitSample else { return try twoMeans.fit(sub).labels }
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: 1000 &+ UInt64(number), purpose: .clustering)
        let picked = rng.sampleWithoutReplacement(splitSample, from: sub.rows).sorted()
        let centres = try twoMeans.fit(sub.gatheringRows(picked)).centres
        return singlePrecision ? try KMeans.nearest(sub.converted(to: Float.self), centres: centres) : try KMeans.nearest(sub, centres: centres)
    }

    public func fit(_ points: Matrix<Double>) throws -> KMeans.Fit {
        let n = points.rows, d = points.columns
        var kmeans = KMeans(k: k, restarts: restarts, seed: seed)
        kmeans.singlePrecision = singlePrecision
        let first = try kmeans.fit(points)
        var members = [[Int]](repeating: [], count: k)
        for (i, l) in first.labels.enumerated() { members[l].append(i) }
        members = members.filter { !$0.isEmpty }
        let cap = Self.capacity(n, clusters: k, shareOfFair: maxShareOfFair)
        // Split oversized clusters, largest first.
        var splits = 0
        while splits < 10 * k, let big = members.indices.filter({ members[$0].count > cap }).max(by: { members[$0].count < members[$1].count }) {
            let rows = members[big]
            let labels = try split(points.gatheringRows(rows), number: splits)
            splits += 1
            let left = rows.indices.filter { labels[$0] == 0 }.map { rows[$0] }
            let right = rows.indices.filter { labels[$0] == 1 }.map { rows[$0] }
            guard !left.isEmpty, !right.isEmpty else { break }
            members[big] = left
            members.append(right)
        }
        // Merge the most similar pairs back down to k.
        func centre(_ rows: [Int]) -> [Double] {
            var c = [Double](repeating: 0, count: d)
            for r in rows { for j in 0..<d { c[j] += points[r, j] } }
            let norm = max(c.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-300)
            return c.map { $0 / norm }
        }
        var centres = members.map(centre)
        while members.count > k {
            var best: (Int, Int, Double)?
            for a in members.indices { for b in (a + 1)..<members.count where members[a].count + members[b].count <= cap {
                var dot = 0.0
                for j in 0..<d { dot += centres[a][j] * centres[b][j] }
                if best == nil || dot > best!.2 { best = (a, b, dot) }
            } }
            // No pair fits under the cap: merge the two smallest.
            let order = members.indices.sorted { members[$0].count < members[$1].count }
            let (a, b) = best.map { ($0.0, $0.1) } ?? (min(order[0], order[1]), max(order[0], order[1]))
            members[a] += members[b]
            members.remove(at: b)
            centres[a] = centre(members[a])
            centres.remove(at: b)
        }
        var labels = [Int](repeating: 0, count: n)
        for (c, rows) in members.enumerated() { for r in rows { labels[r] = c } }
        labels = try refine(points, labels: labels, clusters: members.count, cap: cap)
        members = [[Int]](repeating: [], count: members.count)
        for (i, l) in labels.enumerated() { members[l].append(i) }
        var out = Matrix<Double>(rows: members.count, columns: d)
        var inertia = 0.0
        for (c, rows) in members.enumerated() {
            var mean = [Double](repeating: 0, count: d)
            for r in rows { labels[r] = c; for j in 0..<d { mean[j] += points[r, j] } }
            for j in 0..<d { mean[j] /= Double(rows.count); out[c, j] = mean[j] }
            for r in rows { for j in 0..<d { let t = points[r, j] - mean[j]; inertia += t * t } }
        }
        return KMeans.Fit(labels: labels, centres: out, inertia: inertia, iterations: splits)
    }
}

extension BalancedKMeans: CatalogClusterer {
    public static let name = "balanced"
    public static let summary = "k-means with oversized themes split and near ones merged, polished in term space under a size cap; the default"
    public static let polishesInTermSpace = true
    public static func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int) throws -> KMeans.Fit {
        // Unit rows: single-precision products are safe (see `KMeans.singlePrecision`).
        var balanced = BalancedKMeans(k: k, restarts: 3, seed: seed, refinements: refinements)
        balanced.singlePrecision = true
        return try balanced.fit(points)
    }
}
