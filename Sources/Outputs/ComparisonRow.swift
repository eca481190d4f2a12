import Foundation
import Tables

/// One row of `comparison.csv` (and of `summary.json`'s `comparison`): an arm's measure over its
/// replicates with the 95% t interval of its mean and, for arms other than the base, the paired
/// difference to the base. Arms run on common random numbers, so `difference_low`/`high` (paired)
/// is the interval to read; `unpaired_low`/`high` is what independent runs would have given, and
/// `variance_reduction` the share of that variance the pairing removed.
public struct ComparisonRow: Codable, Sendable, Equatable {
    public var arm: String
    public var measure: String
    public var mean: Double
    public var meanLow: Double
    public var meanHigh: Double
    /// Replicates where the measure is defined (time to half: those that got there).
    public var replicates: Int
    public var difference: Double?
    public var differenceLow: Double?
    public var differenceHigh: Double?
    public var unpairedLow: Double?
    public var unpairedHigh: Double?
    public var varianceReduction: Double?
    /// Replicate pairs the difference is taken over.
    public var pairs: Int?

    public init(arm: String, measure: String, mean: Double, meanLow: Double, meanHigh: Double, replicates: Int) {
        self.arm = arm
        self.measure = measure
        self.mean = mean
        self.meanLow = meanLow
        self.meanHigh = meanHigh
        self.replicates = replicates
    }

    enum CodingKeys: String, CodingKey {
        case arm, measure, mean, replicates, difference, pairs
        case meanLow = "mean_low", meanHigh = "mean_high", differenceLow = "difference_low", differenceHigh = "difference_high"
        case unpairedLow = "unpaired_low", unpairedHigh = "unpaired_high", varianceReduction = "variance_reduction"
    }

    /// `comparison.csv`'s columns, in order.
    public static let columns = ["arm", "measure", "mean", "mean_low", "mean_high", "replicates", "difference", "difference_low",
                                 "difference_high", "unpaired_low", "unpaired_high", "variance_reduction", "pairs"]

    public var cells: [String] {
        [arm, measure, NumberText.text(mean), NumberText.text(meanLow), NumberText.text(meanHigh), String(replicates),
         NumberText.text(difference), NumberText.text(differenceLow), NumberText.text(differenceHigh), NumberText.text(unpairedLow),
         NumberText.text(unpairedHigh), NumberText.text(varianceReduction), NumberText.text(pairs)]
    }

    public static func table(_ rows: [ComparisonRow]) -> String {
        var csv = CSVWriter(header: columns)
        for row in rows { csv.row(row.cells) }
        return csv.text
    }

    /// The name of the base arm in the table.
    public static let base = "base"
}
