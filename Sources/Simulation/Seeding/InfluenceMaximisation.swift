import NumericCore

/// Greedy influence maximisation for the independent cascade with probability p (Kempe, Kleinberg
/// & Tardos 2003), lazily re-evaluated (CELF, Leskovec et al. 2007): picks k seeds, each the agent
/// with the largest expected marginal spread, within (1 − 1/e) of the best k-set up to Monte Carlo
/// error.
///
/// Spread is estimated on `simulations` live-edge graphs (each arc kept with probability p) drawn
/// once and shared by every candidate (common random numbers): a candidate's marginal gain is the
/// mean number of agents it reaches that the chosen seeds do not. Meant for networks of up to a
/// few thousand agents; the cost is O(simulations · (p·m + n · reach)).
public enum InfluenceMaximisation {
    public static func celf(_ population: Population, count k: Int, probability p: Double, simulations: Int, seed: UInt64) -> [Int] {
        let n = population.count
        guard k > 0, n > 0 else { return [] }
        // Live-edge graphs.
        var live: [(offsets: [Int32], targets: [UInt32])] = []
        for s in 0..<simulations {
            var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(s), purpose: .sampling, substream: 7)
            var offsets = [Int32](repeating: 0, count: n + 1)
            var targets: [UInt32] = []
            let skip = GeometricSkip(probability: p)
            for v in 0..<n {
                let end = population.offsets[v + 1]
                var q = population.offsets[v] + skip.nextSkip(using: &rng)
                while q < end {
                    targets.append(population.targets[q])
                    let k = skip.nextSkip(using: &rng)
                    q = k >= end - q ? end : q + k + 1
                }
                offsets[v + 1] = Int32(targets.count)
            }
            live.append((offsets, targets))
        }
        var covered = [[Bool]](repeating: [Bool](repeating: false, count: n), count: simulations)
        var mark = [Int32](repeating: -1, count: n)
        var stamp: Int32 = 0
        var stack: [Int32] = []
        /// Mean number of uncovered agents v reaches (optionally marking them covered).
        func gain(_ v: Int, commit: Bool) -> Double {
            var total = 0
            for s in 0..<simulations where !covered[s][v] {
                stamp &+= 1
                stack.removeAll(keepingCapacity: true)
                stack.append(Int32(v))
                mark[v] = stamp
                var reached = 0
                while let u = stack.popLast() {
                    reached += 1
                    if commit { covered[s][Int(u)] = true }
                    let g = live[s]
                    for q in Int(g.offsets[Int(u)])..<Int(g.offsets[Int(u) + 1]) {
                        let w = Int(g.targets[q])
                        if mark[w] != stamp && !covered[s][w] {
                            mark[w] = stamp
                            stack.append(Int32(w))
                        }
                    }
                }
                total += reached
            }
            return Double(total) / Double(simulations)
        }
        // CELF: a max-heap of (gain, node, round evaluated), re-evaluated lazily.
        var heap = (0..<n).map { (gain: gain($0, commit: false), node: $0, round: 0) }
        func before(_ a: (gain: Double, node: Int, round: Int), _ b: (gain: Double, node: Int, round: Int)) -> Bool {
            a.gain != b.gain ? a.gain > b.gain : a.node < b.node
        }
        heap.sort(by: before)
        var chosen: [Int] = []
        var round = 0
        while chosen.count < min(k, n), !heap.isEmpty {
            var top = heap.removeFirst()
            if top.round == round {
                _ = gain(top.node, commit: true)
                chosen.append(top.node)
                round += 1
            } else {
                top.gain = gain(top.node, commit: false)
                top.round = round
                let position = heap.firstIndex { before(top, $0) } ?? heap.count
                heap.insert(top, at: position)
            }
        }
        return chosen
    }
}
