/// The state of every agent in one replicate, as parallel arrays (structure of arrays): the hot
/// loops touch one contiguous array at a time and no agent is an object.
public struct AgentState: Sendable {
    /// `AdoptionState` raw values.
    public var state: [UInt8]
    /// Per-agent adoption threshold, for models that keep thresholds with the agents (empty until
    /// `useThresholds()`; the threshold models hold theirs in packed workspaces instead).
    public var threshold: [Double]
    /// Step (or time, for continuous-time models) at which each agent last adopted; −1 when never.
    public var adoptedAt: [Double]
    /// Who passed the change on (the neighbour whose influence tipped the agent); −1 for seeds and
    /// spontaneous adopters. Lets summaries count adoptions that crossed a boundary.
    public var adoptedFrom: [Int32]
    /// How many times each agent lapsed.
    public var lapses: [Int32]
    /// Commitment in [0, 1] per agent, for runs that track it (the commitment model, or any model
    /// run with waning commitment); empty otherwise, so adoption-only runs pay nothing for it.
    public var commitment: [Double]
    /// Bit flags: `touchedFlag` (state changed this replicate), `trainedFlag` (in a training
    /// cohort), `reachedFlag` (has adopted at least once). One byte per agent: the hot loops test
    /// these instead of wider columns, so an adoption touches fewer cache lines.
    public var flags: [UInt8]

    public static let touchedFlag: UInt8 = 1
    public static let trainedFlag: UInt8 = 2
    public static let reachedFlag: UInt8 = 4

    /// Commitment in [0, 1]: the tracked level where the run keeps one, else 1 while an agent
    /// practises and 0 otherwise.
    @inlinable public func commitment(of v: Int) -> Double {
        commitment.isEmpty ? (isAdopted(v) ? 1 : 0) : commitment[v]
    }

    /// Allocates the commitment column (zeros) if it is not there yet.
    public mutating func useCommitment() {
        if commitment.count != state.count { commitment = [Double](repeating: 0, count: state.count) }
    }

    public init(count n: Int) {
        state = [UInt8](repeating: AdoptionState.unaware.rawValue, count: n)
        threshold = []
        commitment = []
        adoptedAt = [Double](repeating: -1, count: n)
        adoptedFrom = [Int32](repeating: -1, count: n)
        lapses = [Int32](repeating: 0, count: n)
        flags = [UInt8](repeating: 0, count: n)
    }

    public var count: Int { state.count }

    /// Allocates the threshold column (zeros) if it is not there yet.
    public mutating func useThresholds() {
        if threshold.count != state.count { threshold = [Double](repeating: 0, count: state.count) }
    }

    /// The listed agents back to unaware: one pass per column, so resetting a cascade's few
    /// thousand agents costs no more than touching them did.
    public mutating func reset(_ agents: [Int32]) {
        agents.withUnsafeBufferPointer { agents in
            state.withUnsafeMutableBufferPointer { c in for v in agents { c[Int(v)] = AdoptionState.unaware.rawValue } }
            adoptedAt.withUnsafeMutableBufferPointer { c in for v in agents { c[Int(v)] = -1 } }
            adoptedFrom.withUnsafeMutableBufferPointer { c in for v in agents { c[Int(v)] = -1 } }
            lapses.withUnsafeMutableBufferPointer { c in for v in agents { c[Int(v)] = 0 } }
            flags.withUnsafeMutableBufferPointer { c in for v in agents { c[Int(v)] = 0 } }
            commitment.withUnsafeMutableBufferPointer { c in if c.count > 0 { for v in agents { c[Int(v)] = 0 } } }
        }
    }

    /// Back to everyone unaware, keeping the arrays' storage (one allocation per worker, not per replicate).
    public mutating func reset() {
        state.withUnsafeMutableBufferPointer { $0.update(repeating: AdoptionState.unaware.rawValue) }
        adoptedAt.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        adoptedFrom.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        lapses.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        flags.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        commitment.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    @inlinable public func isAdopted(_ v: Int) -> Bool { state[v] == AdoptionState.adopted.rawValue }
    @inlinable public func isRemoved(_ v: Int) -> Bool { state[v] == AdoptionState.removed.rawValue }
    @inlinable public func isTrained(_ v: Int) -> Bool { flags[v] & Self.trainedFlag != 0 }

    /// Makes v an adopter at `time`, tipped by `source` (−1: a seed).
    @inlinable public mutating func adopt(_ v: Int, at time: Double, from source: Int32 = -1) {
        state[v] = AdoptionState.adopted.rawValue
        adoptedAt[v] = time
        adoptedFrom[v] = source
        flags[v] |= Self.reachedFlag
    }

    /// Counts by state, in `AdoptionState` order.
    public func counts() -> [Int] {
        var c = [Int](repeating: 0, count: AdoptionState.count)
        for s in state { c[Int(s)] += 1 }
        return c
    }
}
