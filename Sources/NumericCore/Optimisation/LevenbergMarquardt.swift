import Foundation

/// Nonlinear least squares with box bounds by Levenberg–Marquardt (Marquardt's diagonal scaling,
/// steps projected onto the bounds), for the few-parameter curve fits of diffusion data (Bass
/// curves). The Jacobian is by central differences unless given. Returns the minimiser, the
/// residuals there and the Jacobian, from which standard errors follow.
public struct LevenbergMarquardt: Sendable {
    public var maxIterations = 500
    /// Stop when a step changes no parameter by more than this relative amount.
    public var parameterTolerance = 1e-12
    /// Stop when the sum of squares falls by less than this relative amount.
    public var functionTolerance = 1e-15

    public init() {}

    public struct Result: Sendable {
        public var parameters: [Double]
        public var residuals: [Double]
        /// J[i][k] = ∂r_i/∂θ_k at the solution.
        public var jacobian: [[Double]]
        public var sumOfSquares: Double
        public var iterations: Int
        /// Parameters at a bound at the solution (their standard errors are not defined there).
        public var atBound: [Bool]

        /// Standard errors from σ² (JᵀJ)⁻¹ with σ² = SSE / (observations − free parameters); NaN for
        /// a parameter at its bound or when JᵀJ is singular.
        public var standardErrors: [Double] {
            let free = atBound.indices.filter { !atBound[$0] }
            var errors = [Double](repeating: .nan, count: parameters.count)
            let dof = residuals.count - free.count
            guard dof > 0, !free.isEmpty else { return errors }
            let sigma2 = sumOfSquares / Double(dof)
            let k = free.count
            var a = [Double](repeating: 0, count: k * k)
            for (x, i) in free.enumerated() {
                for (y, j) in free.enumerated() {
                    var s = 0.0
                    for row in jacobian { s += row[i] * row[j] }
                    a[x * k + y] = s
                }
            }
            guard let inverse = LevenbergMarquardt.invert(a, k) else { return errors }
            for (x, i) in free.enumerated() { errors[i] = (sigma2 * inverse[x * k + x]).squareRoot() }
            return errors
        }
    }

    /// Minimises Σ r_i(θ)² over lower ≤ θ ≤ upper from `start`.
    public func minimise(start: [Double], lower: [Double], upper: [Double],
                         residuals: ([Double]) -> [Double]) -> Result {
        let k = start.count
        func clamp(_ x: [Double]) -> [Double] { (0..<k).map { min(max(x[$0], lower[$0]), upper[$0]) } }
        func sse(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
        func jacobian(_ x: [Double]) -> [[Double]] {
            var columns: [[Double]] = []
            for j in 0..<k {
                let h = 1e-7 * max(abs(x[j]), 1e-3)
                var up = x, down = x
                up[j] = min(x[j] + h, upper[j])
                down[j] = max(x[j] - h, lower[j])
                let ru = residuals(up), rd = residuals(down)
                let width = up[j] - down[j]
                columns.append(zip(ru, rd).map { width > 0 ? ($0 - $1) / width : 0 })
            }
            let m = columns.first?.count ?? 0
            return (0..<m).map { i in (0..<k).map { columns[$0][i] } }
        }
        var x = clamp(start)
        var r = residuals(x)
        var cost = sse(r)
        var lambda = 1e-3
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let J = jacobian(x)
            var jtj = [Double](repeating: 0, count: k * k), jtr = [Double](repeating: 0, count: k)
            for (i, row) in J.enumerated() {
                for a in 0..<k {
                    jtr[a] += row[a] * r[i]
                    for b in 0..<k { jtj[a * k + b] += row[a] * row[b] }
                }
            }
            var improved = false
            while lambda < 1e16 {
                var m = jtj
                for a in 0..<k { m[a * k + a] += lambda * max(jtj[a * k + a], 1e-12) }
                guard let step = Self.solve(m, jtr.map { -$0 }, k) else { lambda *= 10; continue }
                let candidate = clamp((0..<k).map { x[$0] + step[$0] })
                let rc = residuals(candidate)
                let c = sse(rc)
                if c.isFinite && c <= cost {
                    let moved = (0..<k).map { abs(candidate[$0] - x[$0]) / max(abs(x[$0]), 1e-12) }.max() ?? 0
                    let fell = (cost - c) / max(cost, 1e-300)
                    x = candidate
                    r = rc
                    cost = c
                    lambda = max(lambda / 10, 1e-12)
                    improved = true
                    if moved < parameterTolerance || fell < functionTolerance {
                        return finish(x, r, cost, iterations, jacobian, lower, upper)
                    }
                    break
                }
                lambda *= 10
            }
            if !improved { break }
        }
        return finish(x, r, cost, iterations, jacobian, lower, upper)
    }

    func finish(_ x: [Double], _ r: [Double], _ cost: Double, _ iterations: Int, _ jacobian: ([Double]) -> [[Double]],
                _ lower: [Double], _ upper: [Double]) -> Result {
        let atBound = x.indices.map { abs(x[$0] - lower[$0]) <= 1e-9 * max(1, abs(lower[$0])) || abs(x[$0] - upper[$0]) <= 1e-9 * max(1, abs(upper[$0])) }
        return Result(parameters: x, residuals: r, jacobian: jacobian(x), sumOfSquares: cost, iterations: iterations, atBound: atBound)
    }

    /// Solves the k×k system a·x = b (row-major) with LAPACK (`Matrix.solve`); nil if singular.
    static func solve(_ a: [Double], _ b: [Double], _ k: Int) -> [Double]? {
        guard let m = try? Matrix<Double>(rows: k, columns: k, elements: a),
              let x = try? m.solve(Matrix<Double>(rows: k, columns: 1, elements: b)) else { return nil }
        return x.elements.allSatisfy(\.isFinite) ? x.elements : nil
    }

    static func invert(_ a: [Double], _ k: Int) -> [Double]? {
        guard let m = try? Matrix<Double>(rows: k, columns: k, elements: a),
              let x = try? m.solve(Matrix<Double>(rows: k, columns: k) { $0 == $1 ? 1 : 0 }) else { return nil }
        return x.elements.allSatisfy(\.isFinite) ? x.elements : nil
    }
}
