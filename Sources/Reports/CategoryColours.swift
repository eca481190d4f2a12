import Foundation

/// One colour per category, the same in every chart of a report: the Okabe–Ito palette for the
/// first eight categories (distinguishable with colour-vision deficiencies), then distinct hues
/// spread by the golden angle up to `limit`; categories beyond it share "other" grey.
public struct CategoryColours: Sendable {
    public let categories: [String]
    public let limit: Int
    public static let other = "#999999"

    public init(_ categories: [String], limit: Int = 24) {
        var unique: [String] = []
        for c in categories where !unique.contains(c) { unique.append(c) }
        self.categories = unique
        self.limit = limit
    }

    /// The colour of `category` (grey when it is not one of the first `limit`, or unknown).
    public func colour(_ category: String) -> String {
        guard let i = categories.firstIndex(of: category), i < limit else { return Self.other }
        return Self.colour(index: i)
    }

    /// Whether some categories fall beyond the limit and are drawn as "other".
    public var hasOther: Bool { categories.count > limit }

    public static func colour(index i: Int) -> String {
        if i < LineChart.palette.count { return LineChart.palette[i] }
        // Hues 137.5° apart never repeat closely; medium lightness and saturation keep them legible on white.
        let hue = (Double(i - LineChart.palette.count) * 137.508 + 20).truncatingRemainder(dividingBy: 360)
        return hsl(hue, 0.62, 0.45)
    }

    static func hsl(_ h: Double, _ s: Double, _ l: Double) -> String {
        let c = (1 - abs(2 * l - 1)) * s, x = c * (1 - abs((h / 60).truncatingRemainder(dividingBy: 2) - 1)), m = l - c / 2
        let (r, g, b): (Double, Double, Double) = switch h {
        case ..<60: (c, x, 0)
        case ..<120: (x, c, 0)
        case ..<180: (0, c, x)
        case ..<240: (0, x, c)
        case ..<300: (x, 0, c)
        default: (c, 0, x)
        }
        return String(format: "#%02X%02X%02X", Int(((r + m) * 255).rounded()), Int(((g + m) * 255).rounded()), Int(((b + m) * 255).rounded()))
    }
}
