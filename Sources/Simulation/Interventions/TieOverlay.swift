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

    /// The first live arc out of v at step `now` (−1: none). Walk with `nextLive`.
    @inlinable public func firstLive(from v: Int, at now: Int) -> Int {
        guard !head.isEmpty else { return -1 }
        return live(Int(head[v]), at: now)
    }

    @inlinable public func nextLive(after arc: Int, at now: Int) -> Int { live(Int(next[arc]), at: now) }

    @inlinable func live(_ start: Int, at now: Int) -> Int {
        var a = start
        while a >= 0 && Int(expires[a]) <= now { a = Int(next[a]) }
        return a
    }

    @inlinable public func target(of arc: Int) -> Int { Int(target[arc]) }

    /// Targets of every tie ever added out of v this replicate, expired ones included.
    func allTargets(of v: Int) -> [Int] {
        var out: [Int] = []
        var a = head.isEmpty ? -1 : Int(head[v])
        while a >= 0 {
            out.append(Int(target[a]))
            a = Int(next[a])
        }
        return out
    }

    /// Live targets of v's added ties, in reverse order of addition.
    public func ties(of v: Int, at now: Int) -> [Int] {
        var out: [Int] = []
        var a = firstLive(from: v, at: now)
        while a >= 0 {
            out.append(target(of: a))
            a = nextLive(after: a, at: now)
        }
        return out
    }

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
