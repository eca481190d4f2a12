/// Groups of items that share a key: two or more items each, members ascending, largest group
/// first (ties by first member). One sort and a scan for runs — no dictionary of millions of small
/// arrays — for exact duplicates (same term sequence) and near-duplicates (same union–find root).
enum GroupsByKey {
    static func groups(_ items: [Int], key: (Int) -> Int) -> [[Int]] {
        let sorted = items.sorted { key($0) != key($1) ? key($0) < key($1) : $0 < $1 }
        var groups: [[Int]] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && key(sorted[end]) == key(sorted[start]) { end += 1 }
            if end - start > 1 { groups.append(Array(sorted[start..<end])) }
            start = end
        }
        return groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }
}
