/// Approximate comparison for numeric tests. Every call site states its tolerance and why.
///
/// True when |a − b| ≤ max(absolute, relative · max(|a|, |b|)); NaN equals only NaN.
public func isClose<T: BinaryFloatingPoint>(_ a: T, _ b: T, absolute: T = 0, relative: T = 0) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// Element-wise `isClose` over two equally long sequences.
public func allClose<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], absolute: T = 0, relative: T = 0) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, absolute: absolute, relative: relative) }
}

/// The largest |aᵢ − bᵢ|.
public func maxAbsoluteError<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> T {
    precondition(a.count == b.count, "lengths differ: \(a.count) and \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
