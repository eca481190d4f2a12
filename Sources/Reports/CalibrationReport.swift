import Foundation
import Outputs

/// The page of a calibration folder: the verdict in words first, then the data against the
/// posterior predictive band (ABC) or against the held-out predictions (likelihood), the posterior
/// pairs, and every estimate in a table.
public enum CalibrationReport {
    public static func html(directory dir: URL) throws -> String {
        let json = try CalibrationFolder.read(dir)
        return json["posterior"] != nil ? abc(json) : likelihood(json)
    }

    static func f(_ x: Double?, _ digits: Int = 4) -> String {
        guard let x, !x.isNaN else { return "–" }
        return String(format: "%.\(digits)f", x)
    }

    static func abc(_ json: JSONValue) -> String {
        let model = json["model"]?.string ?? "model"
        let method = json["method"]?.string ?? "rejection"
        let warnings = json["warnings"]?.array.compactMap(\.string) ?? []
        let posterior = json["posterior"]?.array ?? []
        var body = "<section><h2>What the data identify</h2>"
        if warnings.isEmpty {
            body += "<p>No pair of parameters is confounded and every 90% interval is narrower than half its prior.</p>"
        } else {
            for w in warnings { body += "<p class=\"over\">\(HTML.escape(w))</p>" }
        }
        body += "</section>"
        let band = json["band"]?.array ?? []
        if !band.isEmpty {
            let x = band.compactMap { $0["period"]?.number }
            var chart = LineChart(title: "Cumulative share adopted: the data against the posterior predictive 90% band", xLabel: "period",
                                  yLabel: "share adopted", series: [
                                      .init(name: "posterior predictive median", values: band.compactMap { $0["median"]?.number },
                                            low: band.compactMap { $0["low"]?.number }, high: band.compactMap { $0["high"]?.number }),
                                      .init(name: "observed", values: band.compactMap { $0["observed"]?.number }),
                                  ])
            chart.x = x
            chart.unit = "period"
            chart.id = "band"
            body += "<figure>\(chart.svg())</figure>"
        }
        let draws = json["draws"]?.array ?? []
        let names = posterior.compactMap { $0["parameter"]?.string }
        if names.count >= 2 {
            let points = draws.compactMap { d -> (x: Double, y: Double, group: Int)? in
                let v = d.array.compactMap(\.number)
                return v.count >= 2 ? (v[0], v[1], 0) : nil
            }
            var scatter = ScatterChart(title: "Accepted draws: \(names[0]) (across) against \(names[1]) (up)", points: points,
                                       groupNames: ["accepted draws"])
            scatter.id = "pairs"
            body += "<figure>\(scatter.svg())</figure>"
        }
        body += "<section><h2>Posterior</h2><table><thead><tr><th>parameter</th><th>median</th><th>mean</th><th>90% interval</th><th>prior</th></tr></thead><tbody>"
        for p in posterior {
            body += "<tr><td>\(HTML.escape(p["parameter"]?.string ?? ""))</td><td>\(f(p["median"]?.number))</td><td>\(f(p["mean"]?.number))</td>"
                + "<td>\(f(p["low"]?.number)) – \(f(p["high"]?.number))</td><td>\(f(p["priorLow"]?.number, 3)) – \(f(p["priorHigh"]?.number, 3))</td></tr>"
        }
        body += "</tbody></table>"
        for c in json["correlations"]?.array ?? [] {
            body += "<p>corr(\(HTML.escape(c["first"]?.string ?? "")), \(HTML.escape(c["second"]?.string ?? ""))) = \(f(c["r"]?.number, 2))</p>"
        }
        body += "</section>"
        let facts = [("method", "ABC \(method)"), ("simulations", String(Int(json["simulations"]?.number ?? 0))),
                     ("accepted", String(Int(json["accepted"]?.number ?? 0))), ("tolerance", f(json["tolerance"]?.number)),
                     ("summaries", (json["summaries"]?.array.compactMap(\.string) ?? []).joined(separator: "; "))]
        let lead = warnings.first ?? "The \(model) model's parameters are identified by these data."
        return AnalysisReport.page("Calibration of the \(model) model", lead: lead, facts: facts, body: body)
    }

    static func likelihood(_ json: JSONValue) -> String {
        let verdict = json["verdict"]?.string ?? ""
        var body = "<section><h2>The verdict</h2>" + verdict.split(separator: "\n").map { "<p>\(HTML.escape(String($0)))</p>" }.joined() + "</section>"
        if let holdout = json["holdout"], case .object = holdout {
            let rows = holdout["predictions"]?.array ?? []
            var chart = LineChart(title: "Held out (\(holdout["holdout"]?.string ?? "")): observed against the network model and a Bass curve",
                                  xLabel: "period", yLabel: "share adopted", series: [
                                      .init(name: "observed", values: rows.compactMap { $0["observed"]?.number }),
                                      .init(name: "network model", values: rows.compactMap { $0["model"]?.number }),
                                      .init(name: "Bass curve", values: rows.compactMap { $0["bass"]?.number }),
                                  ])
            chart.x = rows.compactMap { $0["period"]?.number }
            chart.unit = "period"
            chart.id = "holdout"
            body += "<figure>\(chart.svg())</figure>"
            body += "<p>Network model: KS \(f(holdout["model_ks"]?.number, 3)), RMSE \(f(holdout["model_rmse"]?.number, 3)); "
                + "Bass curve on the same data: KS \(f(holdout["bass_ks"]?.number, 3)), RMSE \(f(holdout["bass_rmse"]?.number, 3)).</p>"
        }
        for fit in json["fits"]?.array ?? [] {
            body += "<section><h2>Network hazard, \(HTML.escape(fit["baseline"]?.string ?? "")) baseline</h2>"
            body += "<p>\(Int(fit["rows"]?.number ?? 0)) person-periods, \(Int(fit["events"]?.number ?? 0)) adoptions; log-likelihood "
                + "\(f(fit["log_likelihood"]?.number, 3)) (without the network \(f(fit["log_likelihood_without_network"]?.number, 3))); "
                + "LR \(f(fit["likelihood_ratio"]?.number, 2)), p = \(f(fit["p_value"]?.number, 3)).</p>"
            body += "<table><thead><tr><th>parameter</th><th>estimate</th><th>se</th><th>95% interval</th></tr></thead><tbody>"
            for e in fit["estimates"]?.array ?? [] {
                body += "<tr><td>\(HTML.escape(e["parameter"]?.string ?? ""))</td><td>\(f(e["estimate"]?.number, 5))</td><td>\(f(e["se"]?.number, 5))</td>"
                    + "<td>\(f(e["low"]?.number, 5)) – \(f(e["high"]?.number, 5))</td></tr>"
            }
            body += "</tbody></table></section>"
        }
        let contagion = json["contagion_identified"] == .bool(true)
        let lead = contagion ? "The data show contagion beyond shared timing." : "No contagion is distinguishable from shared timing in these data."
        return AnalysisReport.page("Calibration: the network hazard model", lead: lead, facts: [("method", "maximum likelihood")], body: body)
    }
}
