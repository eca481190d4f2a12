extension ReverseInfluenceSampling {
    /// What greedy maximum coverage found: the seeds, how many sets they cover, and an upper bound
    /// on the sets any k agents can cover.
    struct Coverage {
        var seeds: [Int]
        var covered: Int
        /// The least, over the greedy's steps, of covered-so-far plus the k largest marginal gains:
        /// by submodularity no k agents cover more (OPIM-C's bound, Tang et al. 2018).
        var upperBound: Int
    }

    /// Greedy maximum coverage over `sets`: k agents, each covering the most sets not yet covered.
    ///
    /// Lazy in buckets: an agent sits in the bucket of the gain it last had and is re-filed when
    /// found stale, so a step touches only the agents near the top instead of all n. Within a
    /// bucket agents are taken in the order they were filed (ascending id at the start), which is
    /// fixed by the sets alone. Agents that cover nothing fill the seed list in id order.
    static func select(_ sets: Sets, n: Int, k: Int) -> Coverage {
        // Inverted index: the sets each agent belongs to.
        var start = [Int](repeating: 0, count: n + 1)
        for m in sets.members { start[Int(m) + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var index = [Int32](repeating: 0, count: sets.members.count)
        var gain = [Int32](repeating: 0, count: n)
        var maxGain = 0
        do {
            var cursor = start
            for s in 0..<sets.count {
                for q in sets.offsets[s]..<sets.offsets[s + 1] {
                    let v = Int(sets.members[q])
                    index[cursor[v]] = Int32(s)
                    cursor[v] += 1
                }
            }
            for v in 0..<n {
                gain[v] = Int32(start[v + 1] - start[v])
                maxGain = max(maxGain, Int(gain[v]))
            }
        }
        var head = [Int32](repeating: -1, count: maxGain + 1)
        var next = [Int32](repeating: -1, count: n)
        for v in stride(from: n - 1, through: 0, by: -1) where gain[v] > 0 {
            next[v] = head[Int(gain[v])]
            head[Int(gain[v])] = Int32(v)
        }
        var done = [Bool](repeating: false, count: sets.count)
        var chosen = [Bool](repeating: false, count: n)
        var seeds: [Int] = []
        seeds.reserveCapacity(k)
        var covered = 0
        var upperBound = Int.max
        var smallest = Heap(capacity: k)
        var top = maxGain
        let target = min(k, n)
        while true {
            // Bring a current agent to the top bucket's head, re-filing stale ones below.
            while top > 0 {
                let v = Int(head[top])
                if v < 0 { top -= 1; continue }
                let g = Int(gain[v])
                if g == top { break }
                head[top] = next[v]
                if g > 0 {
                    next[v] = head[g]
                    head[g] = Int32(v)
                }
            }
            // The k largest gains, read bucket by bucket until no lower bucket can beat the least held.
            smallest.clear()
            var b = top
            scan: while b > 0 {
                if smallest.isFull, smallest.minimum >= b { break }
                var v = head[b]
                while v >= 0 {
                    smallest.offer(Int(gain[Int(v)]))
                    if smallest.isFull, smallest.minimum >= b { break scan }
                    v = next[Int(v)]
                }
                b -= 1
            }
            upperBound = min(upperBound, covered + smallest.sum)
            guard seeds.count < target, top > 0 else { break }
            let v = Int(head[top])
            head[top] = next[v]
            seeds.append(v)
            chosen[v] = true
            covered += Int(gain[v])
            gain[v] = 0
            for q in start[v]..<start[v + 1] {
                let s = Int(index[q])
                guard !done[s] else { continue }
                done[s] = true
                for r in sets.offsets[s]..<sets.offsets[s + 1] { gain[Int(sets.members[r])] -= 1 }
            }
        }
        var v = 0
        while seeds.count < target {
            if !chosen[v] { seeds.append(v) }
            v += 1
        }
        return Coverage(seeds: seeds, covered: covered, upperBound: upperBound)
    }

    /// How many of `sets` hold at least one of `seeds`.
    static func covered(_ sets: Sets, by seeds: [Int], n: Int) -> Int {
        var isSeed = [Bool](repeating: false, count: n)
        for s in seeds { isSeed[s] = true }
        var count = 0
        for s in 0..<sets.count {
            for q in sets.offsets[s]..<sets.offsets[s + 1] where isSeed[Int(sets.members[q])] {
                count += 1
                break
            }
        }
        return count
    }

    /// The k largest values offered (a min-heap of at most k), and their sum.
    struct Heap {
        private var values: [Int] = []
        let capacity: Int
        private(set) var sum = 0

        init(capacity: Int) {
            self.capacity = capacity
            values.reserveCapacity(capacity)
        }

        var isFull: Bool { values.count >= capacity }
        var minimum: Int { values.first ?? 0 }

        mutating func clear() {
            values.removeAll(keepingCapacity: true)
            sum = 0
        }

        mutating func offer(_ x: Int) {
            guard capacity > 0 else { return }
            if values.count < capacity {
                values.append(x)
                sum += x
                var i = values.count - 1
                while i > 0, values[(i - 1) / 2] > values[i] {
                    values.swapAt(i, (i - 1) / 2)
                    i = (i - 1) / 2
                }
                return
            }
            guard x > values[0] else { return }
            sum += x - values[0]
            values[0] = x
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < values.count, values[l] < values[m] { m = l }
                if r < values.count, values[r] < values[m] { m = r }
                if m == i { break }
                values.swapAt(i, m)
                i = m
            }
        }
    }
}
