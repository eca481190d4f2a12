/// Textbook O(n³) loops used as independent references for the BLAS-backed kernels.
public enum ReferenceLinearAlgebra {
    /// C = op(A)·op(B) for row-major flat arrays, accumulated in Double.
    public static func multiply<T: BinaryFloatingPoint>(
        _ a: [T], rows m: Int, inner k: Int, _ b: [T], columns n: Int, transposeA: Bool = false, transposeB: Bool = false
    ) -> [T] {
        var c = [T](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let av = transposeA ? a[p * m + i] : a[i * k + p]
                    let bv = transposeB ? b[j * k + p] : b[p * n + j]
                    sum += Double(av) * Double(bv)
                }
                c[i * n + j] = T(sum)
            }
        }
        return c
    }
}
