import Foundation
import NumericCore

/// A continuous power law p(x) ∝ x^−γ on [lower, upper), sampled by inverting its distribution
/// function, and turned into integers by rounding (the usual approximation for degree
/// sequences, Clauset et al. 2009 §D). Used by the configuration model and LFR.
struct PowerLaw: Sendable {
    let exponent: Double
    let lower: Double
    let upper: Double

    /// Integers k in [minimum, maximum] by rounding down draws from [minimum, maximum + 1).
    static func integers(exponent: Double, minimum: Int, maximum: Int) -> PowerLaw {
        PowerLaw(exponent: exponent, lower: Double(minimum), upper: Double(maximum + 1))
    }

    func nextContinuous(using rng: inout Xoshiro256PlusPlus) -> Double {
        let u = rng.nextUnitDouble()
        if abs(exponent - 1) < 1e-12 { return lower * pow(upper / lower, u) }
        let a = pow(lower, 1 - exponent), b = pow(upper, 1 - exponent)
        return pow(a + u * (b - a), 1 / (1 - exponent))
    }

    /// ⌊x⌋, at most upper − 1.
    func nextFloor(using rng: inout Xoshiro256PlusPlus) -> Int {
        min(Int(upper) - 1, Int(nextContinuous(using: &rng).rounded(.down)))
    }

    /// x rounded to the nearest integer: keeps the continuous law's mean.
    func nextRounded(using rng: inout Xoshiro256PlusPlus) -> Int {
        Int(nextContinuous(using: &rng).rounded())
    }

    var mean: Double {
        let g = exponent
        func integral(_ power: Double) -> Double {
            abs(power + 1) < 1e-12 ? log(upper / lower) : (pow(upper, power + 1) - pow(lower, power + 1)) / (power + 1)
        }
        return integral(1 - g) / integral(-g)
    }

    /// The lower bound giving the requested mean for a fixed exponent and upper bound (bisection),
    /// or nil when none in [1, upper] does.
    static func lower(forMean target: Double, exponent: Double, upper: Double) -> Double? {
        var lo = 1.0, hi = upper
        guard PowerLaw(exponent: exponent, lower: lo, upper: upper).mean <= target,
              target <= upper else { return nil }
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if PowerLaw(exponent: exponent, lower: mid, upper: upper).mean < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
