/// Interns words given as UTF-8 bytes: each distinct byte sequence gets the next id (0, 1, …).
/// A corpus of millions of responses repeats a vocabulary of tens of thousands of words, so the
/// tokenizer looks each word up here straight from the text's bytes — no `String` per token —
/// and does the costly work (stop words, stemming) once per distinct word.
///
/// Open addressing with linear probing over a power-of-two table (kept at most half full); the
/// words' bytes live end to end in one arena.
struct WordTable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = [0]
    private var arena: [UInt8] = []

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { hashes.count }

    /// The bytes of word `id`.
    func word(_ id: Int32) -> String {
        String(decoding: arena[starts[Int(id)]..<starts[Int(id) + 1]], as: UTF8.self)
    }

    /// The id of `bytes`, and whether it was new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 { break }
            if hashes[Int(id)] == h && equal(Int(id), bytes) { return (id, false) }
            s = (s + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(h)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[s] = id
        if 2 * hashes.count > slots.count { grow() }
        return (id, true)
    }

    private func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = starts[id], b = starts[id + 1]
        guard b - a == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { p in
            for i in 0..<bytes.count where p[a + i] != bytes[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2, mask = size - 1
        var next = [Int32](repeating: -1, count: size)
        for (id, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while next[s] >= 0 { s = (s + 1) & mask }
            next[s] = Int32(id)
        }
        slots = next
    }

    /// FNV-1a over the bytes, then a multiply–xorshift finaliser so the low bits (the slot) mix well.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 32
        h &*= 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }
}
