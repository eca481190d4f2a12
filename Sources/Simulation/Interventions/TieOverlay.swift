/// Ties that interventions add to one replicate's network (sprint contacts, woven bridges, a
/// newcomer's first colleagues), kept apart from the shared CSR so replicates never copy the
/// network. Each agent's added arcs form a linked list through flat arrays: adding a tie costs
/// O(1), reading an agent's ties costs O(its ties), and a replicate without interventions pays one
/// emptiness test per step. A tie stops acting at its expiry step (its half-life drawn when made).
public struct TieOverlay: Sendable {
    /// First arc of each agent's list (−1: none); empty until the first tie is added.
    @usableFromInline var head: [Int32] = []
    @usableFromInline var next: [Int32] = []
    @usableFromInline var target: [Int32] = []
    /// The tie acts at steps t < expires.
    @usableFromInline var expires: [Int32] = []
    /// Agents with a non-empty list, for an O(ties) reset.
    var sources: [Int32] = []

    public static let never = Int32.max

    public init() {}

    public var isEmpty: Bool { target.isEmpty }
    /// Arcs added so far (two per tie), expired ones included.
    public var arcCount: Int { target.count }

    /// Adds the arc v → u acting until `expires`.
    mutating func addArc(from v: Int, to u: Int, expires: Int32, population n: Int) {
        if head.isEmpty { head = [Int32](repeating: -1, count: n) }
        if head[v] < 0 { sources.append(Int32(v)) }
        next.append(head[v])
        target.append(Int32(u))
        self.expires.append(expires)
        head[v] = Int32(target.count - 1)
    }

    /// Targets of v's ties that still act at step `now`, newest first. A value walking the
    /// arrays in place (no allocation); it holds the arrays, so a model may change the replicate
    /// while iterating.
    @inlinable public func liveTargets(from v: Int, at now: Int) -> LiveTargets {
        LiveTargets(links: next, target: target, expires: expires, arc: head.isEmpty ? -1 : Int(head[v]), now: now)
    }

    public struct LiveTargets: Sequence, IteratorProtocol {
        @usableFromInline let links: [Int32], target: [Int32], expires: [Int32]
        @usableFromInline var arc: Int
        @usableFromInline let now: Int

        @inlinable init(links: [Int32], target: [Int32], expires: [Int32], arc: Int, now: Int) {
            self.links = links
            self.target = target
            self.expires = expires
            self.arc = arc
            self.now = now
        }

        @inlinable public mutating func next() -> Int? {
            while arc >= 0 && Int(expires[arc]) <= now { arc = Int(links[arc]) }
            guard arc >= 0 else { return nil }
            defer { arc = Int(links[arc]) }
            return Int(target[arc])
        }
    }

    /// Every arc's target, expired ones included: the agents added ties may have reached.
    var allTargets: [Int32] { target }

    /// Ends every added tie of v, both directions, from step `now` on (the person left).
    mutating func cut(_ v: Int, at now: Int) {
        guard !head.isEmpty else { return }
        let stop = Int32(clamping: now)
        var a = Int(head[v])
        while a >= 0 {
            if expires[a] > stop {
                expires[a] = stop
                let u = Int(target[a])
                var b = Int(head[u])
                while b >= 0 {
                    if Int(target[b]) == v && expires[b] > stop { expires[b] = stop }
                    b = Int(next[b])
                }
            }
            a = Int(next[a])
        }
    }

    /// Empty again for the next replicate (storage kept).
    mutating func removeAll() {
        for v in sources { head[Int(v)] = -1 }
        sources.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        target.removeAll(keepingCapacity: true)
        expires.removeAll(keepingCapacity: true)
    }
}
