import ArgumentParser
import Diffusion
import Foundation
import Graphs


/// `skein diffusion`: statistics of real adoption data.
struct DiffusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diffusion",
        abstract: "Statistics of real adoption data: who adopted when, in which network.",
        subcommands: [DiffusionStatsCommand.self]
    )
}

/// `skein diffusion stats`: the curve, hazard, exposure thresholds, adopter categories and Bass fits.
struct DiffusionStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise adoption data: cumulative adoption and hazard, Valente thresholds, adopter categories, Bass fits (three conventions) and their drift.",
        discussion: """
            DATA is a table of people (CSV, TSV or an .xlsx sheet) with a time-of-adoption column. Non-adopters are \
            either coded one past the last period (netdiffuseR's convention, --non-adopters coded-last, the default) or \
            left empty (--non-adopters censored, with --observed-until). The network comes from --network (any format \
            skein network stats reads) or from nominee columns of DATA itself (--layer/--nominees, as a survey).
            Bass conventions: A counts non-adopters as adopting in the coded last period (netdiffuseR's fitbass), B \
            censors them, C censors them and frees the market size m.
            Example: skein diffusion stats nodes.csv --id node_id --network edges.csv
            """
    )

    @OptionGroup var input: DiffusionDataOptions
    @Option(name: .long, parsing: .upToNextOption, help: "Threshold lags (periods before adoption).") var lags: [Int] = [0, 1]
    @Option(name: .customLong("drift-from"), help: "Fit drift: the fewest periods fitted.") var driftFrom = 5
    @Flag(name: .long, help: "One JSON object.") var json = false

    func validate() throws {
        guard lags.allSatisfy({ $0 >= 0 && $0 <= 1000 }) else { throw ValidationError("--lags must be between 0 and 1000") }
        guard driftFrom >= 3 else { throw ValidationError("--drift-from must be at least 3 (a Bass curve has up to 3 parameters)") }
    }

    func run() throws {
        let stats: DiffusionStats
        do {
            stats = DiffusionStats(try input.load(), exposure: input.exposureRule, lags: lags, driftFrom: driftFrom)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        } else {
            print(Self.text(stats, file: input.data))
        }
    }

    static func f(_ x: Double, _ digits: Int = 3) -> String { x.isNaN ? "–" : String(format: "%.\(digits)f", x) }

    static func text(_ s: DiffusionStats, file: String) -> String {
        var lines: [String] = []
        lines.append("data        \(file)")
        lines.append("people      \(s.people), \(s.adopters) adopted (\(f(Double(s.adopters) / Double(max(1, s.people)) * 100, 1))%) over \(s.periods) periods (\(s.firstPeriod)–\(s.firstPeriod + s.periods - 1)); non-adopters \(s.nonAdopters)")
        lines.append("network     \(s.ties) ties; exposure through \(s.exposure)")
        lines.append("")
        lines.append("period  value  adopters  cumulative  share   hazard")
        for p in s.curve.periods {
            lines.append(String(format: "%6d  %5d  %8d  %10d  %5.3f   %6.3f", p.period, p.value, p.adopters, p.cumulative, p.cumulativeShare, p.hazard))
        }
        lines.append("")
        lines.append("Valente thresholds (exposure when adopting; adopters only)")
        for t in s.thresholds {
            var line = "  lag \(t.lag): mean \(f(t.mean)), median \(f(t.median)), n = \(t.count), share at 0 \(f(t.shareAtZero, 2))"
            if let all = t.meanIncludingNonAdopters, let n = t.countIncludingNonAdopters {
                line += "; counting non-adopters at the coded period: mean \(f(all)) (n = \(n)), inflated by \(f(all - t.mean))"
            }
            lines.append(line)
        }
        lines.append("")
        let c = s.categories
        lines.append("adopter categories (mean period \(f(c.mean, 2)), sd \(f(c.standardDeviation, 2))): "
                     + zip(AdopterCategories.names, c.counts).map { "\($0) \($1)" }.joined(separator: ", "))
        lines.append("")
        lines.append("Bass fits (cumulative share of everyone, least squares; ± standard errors)")
        for b in s.bass {
            let m = b.convention == .censoredFreeMarket ? ", m = \(f(b.m)) ± \(f(b.mStandardError ?? .nan))" : ""
            lines.append("  (\(b.convention.rawValue)) p = \(f(b.p, 4)) ± \(f(b.pStandardError, 4)), q = \(f(b.q, 3)) ± \(f(b.qStandardError, 3))\(m); R² = \(f(b.rSquared)), RMSE = \(f(b.rmse)), \(b.points) points")
            lines.append("      \(b.convention.explanation)")
        }
        if !s.drift.isEmpty {
            lines.append("fit drift (C, first k periods): " + s.drift.map { "k=\($0.points) q=\(f($0.q))" }.joined(separator: ", "))
        }
        if let a = s.bass.first(where: { $0.convention == .codedAsAdopting }), let b = s.bass.first(where: { $0.convention == .censored }),
           min(a.q, b.q) > 0, max(a.q, b.q) / min(a.q, b.q) >= 1.5 {
            lines.append("note: q differs \(f(max(a.q, b.q) / min(a.q, b.q), 1))× between conventions A and B: how non-adopters are coded decides it, not the data")
        }
        return lines.joined(separator: "\n")
    }
}
