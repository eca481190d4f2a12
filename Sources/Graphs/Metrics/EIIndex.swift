/// Krackhardt & Stern's (1988) E-I index for one categorical attribute: (E − I) / (E + I), where E
/// counts ties between different groups and I ties within a group. −1: every tie stays inside its
/// organisation or profession; +1: every tie crosses. How much of a network spans boundaries.
public struct EIIndex: Sendable, Equatable {
    public let attribute: String
    public let external: Int
    public let `internal`: Int
    /// Ties with a missing value at either end, not counted.
    public let unclassified: Int
    /// Per group: (E − I)/(E + I) over the ties that touch the group's members.
    public let byGroup: [String: Double]

    public var value: Double {
        external + `internal` > 0 ? Double(external - `internal`) / Double(external + `internal`) : .nan
    }
}

extension Graph {
    /// The E-I index for a categorical attribute; nil when the graph has no such attribute.
    /// Each undirected tie counts once (each arc once when directed).
    public func eiIndex(_ name: String) -> EIIndex? {
        guard case let .categorical(codes, levels)? = nodes[attribute: name] else { return nil }
        var external = 0, internalTies = 0, unclassified = 0
        var groupExternal = [Int](repeating: 0, count: levels.count)
        var groupInternal = [Int](repeating: 0, count: levels.count)
        for u in 0..<nodeCount {
            for v in neighbours(of: u) where isDirected || Int(v) >= u {
                let a = codes[u], b = codes[Int(v)]
                if a < 0 || b < 0 { unclassified += 1; continue }
                if a == b {
                    internalTies += 1
                    groupInternal[Int(a)] += 1
                } else {
                    external += 1
                    groupExternal[Int(a)] += 1
                    groupExternal[Int(b)] += 1
                }
            }
        }
        var byGroup: [String: Double] = [:]
        for (i, level) in levels.enumerated() where groupExternal[i] + groupInternal[i] > 0 {
            byGroup[level] = Double(groupExternal[i] - groupInternal[i]) / Double(groupExternal[i] + groupInternal[i])
        }
        return EIIndex(attribute: name, external: external, internal: internalTies, unclassified: unclassified, byGroup: byGroup)
    }
}
