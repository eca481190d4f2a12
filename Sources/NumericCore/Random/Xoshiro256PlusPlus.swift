/// xoshiro256++ 1.0 (Blackman & Vigna 2019): Skein's generator for every random stream.
///
/// 256 bits of state, period 2²⁵⁶ − 1, sub-nanosecond output, passes BigCrush and PractRand.
/// A value type: copying it forks the stream, so pass it `inout` to advance it.
/// Never create one from the clock; derive it with `init(seed:replicate:purpose:)`.
public struct Xoshiro256PlusPlus: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator with the given raw state, which must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256++ state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// A generator whose state is the first four outputs of SplitMix64(seed), as the authors advise.
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        self.init(state: (expander.next(), expander.next(), expander.next(), expander.next()))
    }

    /// The raw state, for checkpoints and tests.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = (s0 &+ s3).rotatedLeft(by: 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// Advances by 2¹²⁸ steps: 2¹²⁸ non-overlapping subsequences for parallel use.
    public mutating func jump() {
        applyJump([0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C])
    }

    /// Advances by 2¹⁹² steps.
    public mutating func longJump() {
        applyJump([0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635])
    }

    /// Jump by the polynomial's step count: accumulate the states selected by its bits, advancing once per bit.
    private mutating func applyJump(_ polynomial: [UInt64]) {
        var (t0, t1, t2, t3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in polynomial {
            for bit in 0..<UInt64(64) {
                if word & (1 << bit) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}

extension UInt64 {
    @inlinable
    func rotatedLeft(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 &- k)) }
}
