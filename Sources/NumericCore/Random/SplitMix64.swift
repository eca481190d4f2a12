/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit generator used here only to expand seeds.
///
/// Its output function is a bijective 64-bit mixer, which `mix(_:)` exposes: distinct inputs
/// give distinct outputs, so derived stream keys never collide for distinct replicates.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser (a bijection on UInt64 with full avalanche).
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
