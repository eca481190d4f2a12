import Foundation
import Tables

/// `timeseries.csv` of a run folder, tidy: one row per step, attribute, level and measure with the
/// mean, SD and 95% band over replicates. The whole population is `attribute = all, level = all`
/// with every `RunMeasure`; each breakdown level has the state counts.
public struct Timeseries: Sendable {
    public static let columns = ["step", "attribute", "level", "measure", "mean", "sd", "low", "high"]
    /// The attribute and level of the whole population.
    public static let all = "all"

    /// One measure of one group over the steps.
    public struct Series: Sendable, Equatable {
        public var mean: [Double] = []
        public var sd: [Double] = []
        public var low: [Double] = []
        public var high: [Double] = []
    }

    /// Attributes in file order (`all` first), each with its levels in file order.
    public private(set) var attributes: [String] = []
    private var levelOrder: [String: [String]] = [:]
    private var series: [String: [String: [String: Series]]] = [:]

    public init() {}

    public func levels(of attribute: String) -> [String] { levelOrder[attribute] ?? [] }

    public func series(_ attribute: String, _ level: String, _ measure: RunMeasure) -> Series? {
        series[attribute]?[level]?[measure.rawValue]
    }

    /// The whole population's series of `measure`.
    public func overall(_ measure: RunMeasure) -> Series? { series(Self.all, Self.all, measure) }

    /// Members of a breakdown level at each step (mean over replicates): the sum of its state
    /// counts. Constant for a network attribute; `trained` fills up and `committed` moves.
    public func sizes(_ attribute: String, _ level: String) -> [Double] {
        let states = RunMeasure.states.compactMap { series(attribute, level, $0)?.mean }
        guard let steps = states.first?.count else { return [] }
        return (0..<steps).map { t in states.reduce(0) { $0 + $1[t] } }
    }

    mutating func append(_ attribute: String, _ level: String, _ measure: String, _ band: (Double, Double, Double, Double)) {
        if series[attribute] == nil { attributes.append(attribute) }
        if series[attribute]?[level] == nil { levelOrder[attribute, default: []].append(level) }
        var s = series[attribute]?[level]?[measure] ?? Series()
        s.mean.append(band.0)
        s.sd.append(band.1)
        s.low.append(band.2)
        s.high.append(band.3)
        series[attribute, default: [:]][level, default: [:]][measure] = s
    }

    /// Reads the file, checking its header.
    public static func read(_ url: URL) throws -> Timeseries {
        var table = Timeseries()
        var header = true
        try DelimitedReader(contentsOf: url).forEachRecord { r in
            if header {
                header = false
                let names = try (0..<r.count).map { try r.string($0) }
                guard names.starts(with: columns) else {
                    throw TableError(file: url.path, line: r.line, message: "expected the columns \(columns.joined(separator: ", "))")
                }
                return
            }
            table.append(try r.string(1), try r.string(2), try r.string(3),
                         (r.double(4) ?? .nan, r.double(5) ?? .nan, r.double(6) ?? .nan, r.double(7) ?? .nan))
        }
        return table
    }

    /// Builds the file's text row by row, in the order rows are added.
    public struct Writer {
        private var csv = CSVWriter(header: Timeseries.columns)
        public init() {}

        public mutating func add(step: Int, _ attribute: String, _ level: String, _ measure: RunMeasure, _ band: Band) {
            csv.row([String(step), attribute, level, measure.rawValue, NumberText.text(band.mean), NumberText.text(band.sd),
                     NumberText.text(band.low), NumberText.text(band.high)])
        }

        public var text: String { csv.text }
    }
}
