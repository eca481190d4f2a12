/// An assignment of nodes to communities: `community[v]`, numbered 0, 1, … by first appearance.
public struct Partition: Sendable, Equatable {
    public let community: [Int32]
    public let count: Int

    /// Renumbers arbitrary labels to 0… in order of first appearance.
    public init(labels: [Int]) {
        var map: [Int: Int32] = [:]
        var next: Int32 = 0
        community = labels.map { label in
            if let c = map[label] { return c }
            map[label] = next
            next += 1
            return next - 1
        }
        count = Int(next)
    }

    public var sizes: [Int] {
        var s = [Int](repeating: 0, count: count)
        for c in community { s[Int(c)] += 1 }
        return s
    }

    /// Members of each community, ascending.
    public var members: [[Int]] {
        var m = [[Int]](repeating: [], count: count)
        for (v, c) in community.enumerated() { m[Int(c)].append(v) }
        return m
    }
}
