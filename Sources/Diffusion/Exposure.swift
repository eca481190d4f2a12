import Graphs

/// Network exposure (Valente 1995; netdiffuseR's `exposure`): of the people someone is tied to,
/// how many (or what share, or what weight) had adopted by a period.
public struct Exposure: Sendable, Equatable {
    public enum Direction: String, Sendable, CaseIterable {
        /// The people someone nominated (netdiffuseR's default: who they say they listen to).
        case outgoing
        /// The people who nominated them.
        case incoming
    }

    public var direction: Direction = .outgoing
    /// Ties count by their weight (name-generator slots naming the pair) instead of once.
    public var weighted = false
    /// A share of ties (netdiffuseR's normalised exposure) rather than a count.
    public var normalised = true

    public init(direction: Direction = .outgoing, weighted: Bool = false, normalised: Bool = true) {
        self.direction = direction
        self.weighted = weighted
        self.normalised = normalised
    }

    /// Person i's exposure at period t: alters who adopted at or before t. 0 for someone with no ties
    /// (as netdiffuseR counts them). `coded`: non-adopters count as adopting at T + 1, as netdiffuseR
    /// reads data whose non-adopters are coded one past the last period.
    public func value(_ data: DiffusionData, person i: Int, at t: Int, coded: Bool = false) -> Double {
        let g = data.graph
        var exposed = 0.0, total = 0.0
        let never = coded ? data.periods + 1 : Int.max
        func visit(_ j: Int, _ w: Double) {
            total += w
            if (data.adoption[j] ?? never) <= t { exposed += w }
        }
        switch direction {
        case .outgoing:
            let offsets = g.csrOffsets, targets = g.csrTargets, weights = g.csrWeights
            for p in offsets[i]..<offsets[i + 1] { visit(Int(targets[p]), weighted ? weights?[p] ?? 1 : 1) }
        case .incoming:
            for j in g.inNeighbours(of: i) { visit(Int(j), weighted ? g.weight(Int(j), i) ?? 1 : 1) }
        }
        guard normalised else { return exposed }
        return total > 0 ? exposed / total : 0
    }
}
