import Foundation
import Tables

/// Name-generator surveys (a CSV or a workbook sheet, one row per respondent, nominees in
/// columns), read by `SurveyReader`. Chosen by name only (`--format survey`), since a survey file
/// looks like any other table.
public enum SurveyFormat: NetworkFormat {
    public static let name = "survey"
    public static let extensions: [String] = []
    public static let summary = "Name-generator survey: one row per respondent, nominee columns (nominee1.., net1_1..) as relation layers"

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        let table: CellTable
        if ["xlsx", "xlsm"].contains(url.pathExtension.lowercased()) {
            let workbook = try Workbook(url)
            let sheet = try options.nodesSheet.map { name -> String in
                guard let s = workbook.sheetName(matching: name) else {
                    throw TableError(file: url.path, line: 0, message: "no sheet named \"\(name)\" (sheets: \(workbook.sheetNames.joined(separator: ", ")))")
                }
                return s
            } ?? workbook.sheetNames[0]
            table = try workbook.table(sheet)
        } else {
            table = try CellTable.read(url, format: options.edges.format)
        }
        let (graph, report) = try SurveyReader(options: options.survey, edgeOptions: options.edges).read(table)
        if let notice = options.notice {
            for line in report.notices { notice("\(url.lastPathComponent): \(line)") }
        }
        return graph
    }
}
