/// Where every kernel writes an ensemble's results: per replicate and step, counts by state
/// (overall and per level of each breakdown attribute), reach and mean commitment; per replicate,
/// the summary and (when recorded) every agent's adoption time. Replicates write disjoint cells,
/// so workers share it without locks. File layouts are `EnsembleResult`'s.
public struct EnsembleRecorder: @unchecked Sendable {
    let stateCounts: UnsafeMutableBufferPointer<Int32>
    let meanCommitment: UnsafeMutableBufferPointer<Double>
    let reach: UnsafeMutableBufferPointer<Int32>
    let summaries: UnsafeMutableBufferPointer<ReplicateSummary>
    let groupCounts: UnsafeMutableBufferPointer<Int32>
    let agentAdoptedAt: UnsafeMutableBufferPointer<Float>
    /// [r][agent] commitment at the horizon (recorded with the adoption times, where commitment is tracked).
    let agentCommitment: UnsafeMutableBufferPointer<Float>
    let steps: Int
    let population: Int
    /// Where each breakdown attribute's block starts, and how many levels it has.
    let groupBase: [Int]
    let groupLevels: [Int]

    static let width = AdoptionState.count

    @inline(__always) func setState(_ s: Int, _ value: Int32, replicate r: Int, step t: Int) {
        stateCounts[(r * steps + t) * Self.width + s] = value
    }

    @inline(__always) func setReach(_ value: Int32, replicate r: Int, step t: Int) { reach[r * steps + t] = value }

    @inline(__always) func setCommitment(sum: Double, replicate r: Int, step t: Int) {
        meanCommitment[r * steps + t] = population > 0 ? sum / Double(population) : 0
    }

    /// The cell of attribute g, level `level`, state s at (r, t).
    @inline(__always) func groupIndex(_ g: Int, level: Int, state s: Int, replicate r: Int, step t: Int) -> Int {
        groupBase[g] + ((r * steps + t) * groupLevels[g] + level) * Self.width + s
    }

    /// One replicate's step as the frontier kernel keeps it (running counts in the replicate).
    @inline(__always) func record(_ replicate: borrowing Replicate, replicate r: Int, step t: Int) {
        for s in 0..<Self.width { setState(s, Int32(replicate.stateCounts[s]), replicate: r, step: t) }
        setCommitment(sum: replicate.commitmentSum, replicate: r, step: t)
        setReach(Int32(replicate.reach), replicate: r, step: t)
        for g in replicate.groupCounts.indices {
            let width = replicate.groupCounts[g].count
            let base = groupBase[g] + (r * steps + t) * width
            for i in 0..<width { groupCounts[base + i] = replicate.groupCounts[g][i] }
        }
    }

    /// Step t repeats step t − 1 (nothing can change any more).
    @inline(__always) func repeatPrevious(replicate r: Int, step t: Int) {
        let row = (r * steps + t) * Self.width
        for s in 0..<Self.width { stateCounts[row + s] = stateCounts[row - Self.width + s] }
        meanCommitment[r * steps + t] = meanCommitment[r * steps + t - 1]
        reach[r * steps + t] = reach[r * steps + t - 1]
        for g in groupBase.indices {
            let width = groupLevels[g] * Self.width
            let base = groupBase[g] + (r * steps + t) * width
            for i in 0..<width { groupCounts[base + i] = groupCounts[base - width + i] }
        }
    }

    /// Replicate r's mean commitment per step.
    func commitmentSeries(replicate r: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: meanCommitment[(r * steps)..<((r + 1) * steps)])
    }

    /// Replicate r's reach per step.
    func reachSeries(replicate r: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(rebasing: reach[(r * steps)..<((r + 1) * steps)])
    }
}
