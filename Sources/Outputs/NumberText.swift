/// How numbers are written in output tables: the shortest text that reads back to the same value,
/// integers without a decimal point, "" for NaN and infinities. Deterministic, so two runs with
/// one seed give the same bytes.
public enum NumberText {
    public static func text(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    public static func text(_ x: Double?) -> String { x.map { text($0) } ?? "" }
    public static func text(_ x: Int?) -> String { x.map(String.init) ?? "" }
}
