/// Maximises a smooth function of a few dozen parameters (log-likelihoods) by damped Newton steps:
/// the Hessian from central differences of the analytic gradient, a Levenberg-style shift when it
/// is not negative definite, and backtracking so every step raises the function. Returns the
/// maximiser with the observed information (−Hessian) there, for standard errors.
public struct NewtonMaximiser: Sendable {
    public var maxIterations = 200
    /// Stop when the gradient's largest component falls below this.
    public var gradientTolerance = 1e-9

    public init() {}

    public struct Result: Sendable {
        public var parameters: [Double]
        public var value: Double
        public var gradient: [Double]
        /// −∂²f/∂θ∂θ' at the maximiser, row-major.
        public var information: [Double]
        public var iterations: Int
        public var converged: Bool

        /// The inverse of the observed information (the asymptotic covariance); nil if singular.
        public var covariance: [Double]? {
            let k = parameters.count
            guard k > 0 else { return [] }
            return LevenbergMarquardt.invert(information, k)
        }
    }

    /// `function` returns the value and its gradient at θ.
    public func maximise(start: [Double], function: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        let k = start.count
        var x = start
        var (f, g) = function(x)
        var iterations = 0
        var converged = false
        func hessian(_ x: [Double]) -> [Double] {
            var h = [Double](repeating: 0, count: k * k)
            for j in 0..<k {
                let step = 1e-5 * max(1, abs(x[j]))
                var up = x, down = x
                up[j] += step
                down[j] -= step
                let gu = function(up).gradient, gd = function(down).gradient
                for i in 0..<k { h[i * k + j] = (gu[i] - gd[i]) / (2 * step) }
            }
            // Symmetrise what differencing left uneven.
            for i in 0..<k { for j in (i + 1)..<k { let s = (h[i * k + j] + h[j * k + i]) / 2; h[i * k + j] = s; h[j * k + i] = s } }
            return h
        }
        while iterations < maxIterations {
            if (g.map { abs($0) }.max() ?? 0) < gradientTolerance { converged = true; break }
            iterations += 1
            let h = hessian(x)
            var shift = 0.0
            var moved = false
            while shift < 1e12 {
                // Solve (−H + shift·I) δ = g: a Newton step, tending to gradient ascent as shift grows.
                var a = h.map { -$0 }
                for i in 0..<k { a[i * k + i] += shift }
                if let step = LevenbergMarquardt.solve(a, g, k) {
                    var scale = 1.0
                    while scale > 1e-10 {
                        let candidate = (0..<k).map { x[$0] + scale * step[$0] }
                        let (fc, gc) = function(candidate)
                        if fc.isFinite && fc >= f - 1e-12 * abs(f) {
                            let rose = fc - f
                            x = candidate
                            f = fc
                            g = gc
                            moved = true
                            if abs(rose) < 1e-13 * max(1, abs(f)) && (g.map { abs($0) }.max() ?? 0) < 1e-5 { converged = true }
                            break
                        }
                        scale /= 2
                    }
                    if moved { break }
                }
                shift = shift == 0 ? 1e-6 : shift * 10
            }
            if !moved || converged { converged = converged || !moved && (g.map { abs($0) }.max() ?? 0) < 1e-5; break }
        }
        let h = hessian(x)
        return Result(parameters: x, value: f, gradient: g, information: h.map { -$0 }, iterations: iterations, converged: converged)
    }
}
