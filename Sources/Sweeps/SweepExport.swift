import Foundation
import GRDB
import Outputs
import Tables

/// A sweep database as one tidy table for R, pandas or a spreadsheet: one row per point and
/// replicate (or per point, with `means`), one column per swept parameter holding its value (not
/// JSON text), then every `RunMetric`. Parameters are named by their paths, in the order the
/// sweep lists them.
public enum SweepExport {
    public static func tidy(_ database: SweepDatabase, means: Bool = false) throws -> String {
        let metrics = SweepDatabase.metrics
        let points: [(point: Int, values: [String: JSONValue])] = try database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT point, assignments FROM points ORDER BY point").map { row in
                let text: String = row["assignments"]
                guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                    throw SweepDatabase.DatabaseError.corrupt(path: database.path, what: "points.assignments of point \(row["point"] as Int) is not a JSON object")
                }
                return (row["point"], object)
            }
        }
        // Parameter columns in the sweep's own order where the database records it, else by name.
        var parameters: [String] = []
        if let order = try database.metadata("parameters"),
           let list = try? JSONSerialization.jsonObject(with: Data(order.utf8)) as? [String] { parameters = list }
        for p in points { for key in p.values.keys.sorted() where !parameters.contains(key) { parameters.append(key) } }
        var csv = CSVWriter(header: ["point"] + parameters + (means ? ["replicates"] : ["replicate"]) + metrics)
        let byPoint = Dictionary(uniqueKeysWithValues: points.map { ($0.point, $0.values) })
        func cells(_ point: Int) -> [String] { parameters.map { value(byPoint[point]?[$0]) } }
        if means {
            for p in try database.pointMeans() {
                csv.row([String(p.point)] + cells(p.point) + [String(p.replicates)] + metrics.map { NumberText.text(p.means[$0]) })
            }
        } else {
            try database.queue.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM results ORDER BY point, replicate")
                while let row = try rows.next() {
                    let point: Int = row["point"], replicate: Int = row["replicate"]
                    csv.row([String(point)] + cells(point) + [String(replicate)] + (try metrics.map { NumberText.text(try database.number(row, $0)) }))
                }
            }
        }
        return csv.text
    }

    /// A parameter's value as a cell: numbers and text as they are, booleans as true/false, lists and mappings as JSON.
    static func value(_ v: JSONValue?) -> String {
        switch v {
        case nil, .null?: return ""
        case let .bool(b)?: return b ? "true" : "false"
        case let .integer(i)?: return String(i)
        case let .number(x)?: return NumberText.text(x)
        case let .string(s)?: return s
        case let v?:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(v)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }
}
