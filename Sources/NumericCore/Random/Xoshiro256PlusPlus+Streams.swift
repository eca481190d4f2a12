extension Xoshiro256PlusPlus {
    /// The stream for one (seed, replicate, purpose): every random number in Skein comes from one.
    ///
    /// Each of the four state words is `mix(mix(mix(seed ⊕ lane) ⊕ replicate) ⊕ purpose)` with a
    /// distinct lane constant. `mix` is a bijection, so for a fixed seed and purpose two replicates
    /// never get the same state; streams are unrelated to one another (full avalanche), and what a
    /// replicate draws does not depend on which thread runs it or in what order.
    public init(seed: UInt64, replicate: UInt64, purpose: StreamPurpose, substream: UInt64 = 0) {
        func word(_ lane: UInt64) -> UInt64 {
            var h = SplitMix64.mix(seed ^ lane)
            h = SplitMix64.mix(h ^ replicate)
            h = SplitMix64.mix(h ^ purpose.key)
            return SplitMix64.mix(h ^ substream)
        }
        var s = (word(0x243F_6A88_85A3_08D3), word(0x1319_8A2E_0370_7344),
                 word(0xA409_3822_299F_31D0), word(0x082E_FA98_EC4E_6C89))
        if s == (0, 0, 0, 0) { s.0 = 0x9E37_79B9_7F4A_7C15 }  // probability 2⁻²⁵⁶, but never all zero
        self.init(state: s)
    }
}
