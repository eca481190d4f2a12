import NumericCore

extension Replicate {
    /// The share of v's influencers who practise now: row v of the row-stochastic influence matrix
    /// times the 0/1 practice of every agent, with ties interventions added counted as influencers
    /// too. The sum runs in the row's order from zero, as the batched kernel's sparse product does,
    /// so both kernels get the same bits (each product is a weight times 0 or 1, hence exact).
    @inline(__always)
    func practisingShare(of v: Int, offsets: UnsafeBufferPointer<Int>, columns: UnsafeBufferPointer<UInt32>,
                         weights: UnsafeBufferPointer<Double>, inDegree: Int32) -> Double {
        var sum = 0.0
        for p in offsets[v]..<offsets[v + 1] where agents.state[Int(columns[p])] == AdoptionState.adopted.rawValue {
            sum += weights[p]
        }
        guard !overlay.isEmpty else { return sum }
        // Added ties: the mean over the network's and the added influencers together.
        var added = 0, practising = 0
        for u in overlay.liveTargets(from: v, at: time) {
            added += 1
            if agents.isAdopted(u) { practising += 1 }
        }
        guard added > 0 else { return sum }
        let degree = Double(inDegree)
        return (sum * degree + Double(practising)) / (degree + Double(added))
    }
}
