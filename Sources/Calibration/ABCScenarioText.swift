import Diffusion
import Foundation
import Scenarios

/// The calibrated scenario an ABC run writes: the base scenario (or the calibrated model alone)
/// with the fitted parameters at their posterior medians, on the data's influence network.
public enum ABCScenarioText {
    public static func yaml(_ abc: ABCCalibration, data: DiffusionData, dataFile: String, base: String?, model: ModelSpec,
                            cleared: [String: [String]] = [:]) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let seeds = data.labels.indices.filter { data.adoption[$0] == 1 }.map { data.labels[$0] }
        var lines: [String] = []
        if let base { lines.append("extends: \(quoted(base))") }
        lines.append("name: \(quoted("Calibrated to \(URL(fileURLWithPath: dataFile).lastPathComponent)"))")
        // With a base, its question and arms stay: the calibrated parameters answer them.
        if base == nil { lines.append("question: \(quoted("How does adoption unfold in this network with the calibrated parameters?"))") }
        lines.append("assumptions:")
        for p in abc.posterior {
            lines.append("  - \(quoted("\(p.parameter) = \(String(format: "%.4g", p.median)) (posterior median; 90% \(String(format: "%.4g", p.low))–\(String(format: "%.4g", p.high)), prior \(p.priorLow)–\(p.priorHigh)), ABC \(abc.method.rawValue) on \(abc.summaries.joined(separator: " and "))"))")
        }
        for w in abc.warnings { lines.append("  - \(quoted("warning: \(w)"))") }
        if base == nil { lines.append("step_unit: period") }
        lines.append("network: {" + CalibratedScenario.nulls(cleared["network"], keeping: ["file", "directed"]) + "file: \(CalibratedScenario.networkFile), directed: true}")
        var values = model.values
        for p in abc.posterior { values[p.parameter] = .number(p.median) }
        let fields = values.keys.sorted().compactMap { key -> String? in
            switch values[key]! {
            case let .number(x): return "\(key): \(String(format: "%.6g", x))"
            case let .integer(k): return "\(key): \(k)"
            case let .flag(b): return "\(key): \(b)"
            case let .word(w), let .text(w): return "\(key): \(quoted(w))"
            default: return nil
            }
        }
        lines.append("model: {type: \(model.name)" + fields.map { ", \($0)" }.joined() + "}")
        lines.append("seeding: {" + CalibratedScenario.nulls(cleared["seeding"], keeping: ["nodes"]) + "nodes: [" + seeds.map(quoted).joined(separator: ", ") + "]}")
        lines.append("horizon: \(max(1, data.periods - 1))")
        lines.append("replicates: 500")
        if base == nil { lines.append("compare: none") }
        // The posterior this scenario runs from, kept in every run's manifest.
        lines.append("calibration:")
        lines.append("  file: calibration.json")
        lines.append("  method: \(quoted("ABC \(abc.method.rawValue), \(abc.simulations) simulations, \(abc.accepted) accepted; on \(abc.summaries.joined(separator: " and ")); data \(URL(fileURLWithPath: dataFile).lastPathComponent)"))")
        lines.append("  parameters:")
        for p in abc.posterior {
            lines.append("    \(p.parameter): " + CalibratedScenario.record([("median", p.median), ("mean", p.mean), ("low", p.low), ("high", p.high),
                                                                         ("prior_low", p.priorLow), ("prior_high", p.priorHigh)]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
