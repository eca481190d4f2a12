/// Interns 64-bit keys (pairs of 32-bit ids): each distinct key gets the next index (0, 1, …),
/// so callers keep per-key values in plain arrays. Open addressing with linear probing and a
/// multiply–shift hash: the vectorizer looks up a word pair for every token, where a Swift
/// `Dictionary` (SipHash, resizing storage) costs several times more.
struct KeyTable {
    private var slots: [Int32]
    private(set) var keys: [UInt64] = []

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { keys.count }

    static func pair(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b)) }

    /// The index of `key`, or nil.
    func index(of key: UInt64) -> Int? {
        let mask = slots.count - 1
        var s = Self.slot(key, mask)
        while true {
            let i = slots[s]
            if i < 0 { return nil }
            if keys[Int(i)] == key { return Int(i) }
            s = (s + 1) & mask
        }
    }

    /// The index of `key`, and whether it was new.
    @inline(__always)
    mutating func intern(_ key: UInt64) -> (index: Int, inserted: Bool) {
        let mask = slots.count - 1
        var s = Self.slot(key, mask)
        while true {
            let i = slots[s]
            if i < 0 { break }
            if keys[Int(i)] == key { return (Int(i), false) }
            s = (s + 1) & mask
        }
        let index = keys.count
        keys.append(key)
        slots[s] = Int32(index)
        if 2 * keys.count > slots.count { grow() }
        return (index, true)
    }

    private mutating func grow() {
        let size = slots.count * 2, mask = size - 1
        var next = [Int32](repeating: -1, count: size)
        for (i, key) in keys.enumerated() {
            var s = Self.slot(key, mask)
            while next[s] >= 0 { s = (s + 1) & mask }
            next[s] = Int32(i)
        }
        slots = next
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & mask
    }
}
