/// One column of node attributes: categorical (organisation, profession, role, town, team) or
/// numeric (tenure, trained). Missing values are code −1 or NaN.
public enum NodeAttribute: Sendable, Equatable {
    /// Integer codes into `levels`, one per node; −1 where missing.
    case categorical(codes: [Int32], levels: [String])
    /// One value per node; NaN where missing.
    case numeric([Double])

    public var isCategorical: Bool {
        if case .categorical = self { return true }
        return false
    }

    /// The value for node `v` as text ("" when missing).
    public func text(for v: Int) -> String {
        switch self {
        case let .categorical(codes, levels): return codes[v] >= 0 ? levels[Int(codes[v])] : ""
        case let .numeric(values): return values[v].isNaN ? "" : "\(values[v])"
        }
    }

    /// Builds a categorical column from per-node text; levels are numbered in order of first appearance.
    public static func categorical(_ values: [String?]) -> NodeAttribute {
        var levels: [String] = []
        var index: [String: Int32] = [:]
        let codes: [Int32] = values.map { value in
            guard let value, !value.isEmpty else { return -1 }
            if let code = index[value] { return code }
            let code = Int32(levels.count)
            levels.append(value)
            index[value] = code
            return code
        }
        return .categorical(codes: codes, levels: levels)
    }
}
