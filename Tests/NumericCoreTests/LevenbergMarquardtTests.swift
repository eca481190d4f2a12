import Foundation
import NumericCore
import Testing

@Suite("Levenberg–Marquardt least squares")
struct LevenbergMarquardtTests {
    @Test("recovers an exponential from exact data; standard errors match the closed form for a line")
    func recovery() {
        let t = (0..<20).map { Double($0) / 4 }
        let y = t.map { 2.5 * exp(-0.7 * $0) }
        let fit = LevenbergMarquardt().minimise(start: [1, -0.1], lower: [-10, -10], upper: [10, 10]) { x in
            zip(t, y).map { x[0] * exp(x[1] * $0.0) - $0.1 }
        }
        #expect(abs(fit.parameters[0] - 2.5) < 1e-8 && abs(fit.parameters[1] + 0.7) < 1e-8)
        // A straight line: least squares has SE(slope) = σ / sqrt(Σ(x − x̄)²), σ² = SSE / (n − 2).
        let x = [0.0, 1, 2, 3, 4, 5], z = [0.1, 1.2, 1.9, 3.2, 3.9, 5.1]
        let line = LevenbergMarquardt().minimise(start: [0, 0], lower: [-100, -100], upper: [100, 100]) { b in
            zip(x, z).map { b[0] + b[1] * $0.0 - $0.1 }
        }
        let mx = x.reduce(0, +) / 6
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let sigma = (line.sumOfSquares / 4).squareRoot()
        #expect(abs(line.standardErrors[1] - sigma / sxx.squareRoot()) < 1e-6)
    }

    @Test("a bound that binds holds the parameter there, and its standard error is undefined")
    func bounds() {
        let fit = LevenbergMarquardt().minimise(start: [0.5], lower: [0], upper: [1]) { x in [x[0] - 3] }
        #expect(fit.parameters == [1] && fit.atBound == [true] && fit.standardErrors[0].isNaN)
    }
}
