import Foundation
import Graphs
import Tables

/// Who adopted when, in a network: the input of `skein diffusion stats` and `skein calibrate`.
/// Periods run 1…T (the first observed period is 1, whatever the data call it); `adoption[i]` is
/// person i's period, or nil when they had not adopted by the end of observation.
public struct DiffusionData: Sendable {
    /// How the data mark people who had not adopted when observation ended.
    public enum NonAdopters: String, Sendable, CaseIterable {
        /// netdiffuseR's convention: non-adopters carry one plus the last observed period, so
        /// adopters in that period and non-adopters cannot be told apart.
        case codedLast = "coded-last"
        /// Non-adopters have no time (an empty cell, NA); observation ends at `observed_until`.
        case censored
    }

    public let labels: [String]
    public let adoption: [Int?]
    /// The last observed period T.
    public let periods: Int
    /// The data's own value of period 1 (1963 for years), to print periods as the data do.
    public let firstPeriodValue: Int
    public let nonAdopters: NonAdopters
    /// People's ties, nodes in the order of `labels`.
    public let graph: Graph
    /// The group (town, village, trust) of each person, when the data have one.
    public let groups: [Int32]?
    public let groupLevels: [String]
    /// The table's numeric columns (NaN where a cell is empty): covariates for hazard models.
    public let columns: [String: [Double]]

    public var count: Int { labels.count }
    public var adopters: Int { adoption.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    public init(labels: [String], adoption: [Int?], periods: Int, firstPeriodValue: Int = 1, nonAdopters: NonAdopters,
                graph: Graph, groups: [Int32]? = nil, groupLevels: [String] = [], columns: [String: [Double]] = [:]) {
        self.labels = labels
        self.adoption = adoption
        self.periods = periods
        self.firstPeriodValue = firstPeriodValue
        self.nonAdopters = nonAdopters
        self.graph = graph
        self.groups = groups
        self.groupLevels = groupLevels
        self.columns = columns
    }

    /// The same people and network with other adoption times (a permutation, a simulation).
    public func with(adoption: [Int?]) -> DiffusionData {
        DiffusionData(labels: labels, adoption: adoption, periods: periods, firstPeriodValue: firstPeriodValue, nonAdopters: nonAdopters,
                      graph: graph, groups: groups, groupLevels: groupLevels, columns: columns)
    }

    /// The data value of period t (t = 1 is `firstPeriodValue`).
    public func periodValue(_ t: Int) -> Int { firstPeriodValue + t - 1 }
}
