import Foundation

/// The χ² distribution's upper tail, for likelihood-ratio tests: P(X ≥ x) = Q(k/2, x/2), the
/// regularised upper incomplete gamma function, by its series below a + 1 and Lentz's continued
/// fraction above (both to about 1e-14).
public enum ChiSquared {
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard x > 0 else { return 1 }
        guard x.isFinite else { return 0 }
        return upperRegularisedGamma(k / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a).
    public static func upperRegularisedGamma(_ a: Double, _ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // P(a, x) = e^{−x} x^a / Γ(a + 1) · Σ x^n / ((a + 1)…(a + n)).
            var term = 1 / a, sum = term, n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        // Continued fraction for Γ(a, x) (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return min(1, exp(logPrefix) * h)
    }
}
