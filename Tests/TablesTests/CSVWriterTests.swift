import Foundation
import Tables
import Testing

@Suite("CSV writing")
struct CSVWriterTests {
    /// `fixed` writes what "%.Nf" writes, on values that are not binary halves.
    @Test func fixedDecimalsMatchPrintf() {
        var values: [Double] = [0, 1, -1, 0.1, 0.25, 0.99996, -0.99996, 123.456789, -42.00004, 1e9 + 0.123, 0.00004, 7.5e-5]
        var state: UInt64 = 9
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append((Double(state >> 11) / Double(1 << 53) - 0.5) * 20)
        }
        for v in values {
            for places in [0, 3, 4] {
                let ours = CSVWriter.fixed(v, places: places)
                var theirs = String(format: "%.\(places)f", v)
                if theirs.hasPrefix("-"), Double(theirs) == 0 { theirs.removeFirst() }  // ours never writes "-0"
                #expect(ours == theirs, "\(v) at \(places) places")
            }
        }
        #expect(CSVWriter.fixed(.nan, places: 4) == String(format: "%.4f", Double.nan))
    }

    @Test func fieldsAreQuotedAndFormulasNeutralised() {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("a,b") == "\"a,b\"" && CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("=SUM(A1)") == "'=SUM(A1)" && CSVWriter.field("-1.5") == "-1.5" && CSVWriter.field("@x") == "'@x")
        #expect(CSVWriter.field("line\nbreak") == "\"line\nbreak\"" && CSVWriter.field("café, thé") == "\"café, thé\"")
    }

    /// Typed fields appended one by one write the same bytes as the row of formatted strings.
    @Test func typedFieldsWriteWhatFormattedRowsWrite() {
        var typed = CSVWriter(header: ["row", "id", "theme", "similarity", "status", "x", "y"])
        var rows = typed
        let cases: [(Int, String, Int, Double, String, Double?)] = [
            (0, "r0", 3, 0.58031, "ok", -0.02744), (1, "=cmd", -1, -0.00004, "other", nil), (12345678, "a,\"b\"", 0, 1, "empty", 12.5),
            (Int.min + 1, "", Int.max, 0.99996, "ok", -0.0),
        ]
        for (i, id, theme, s, status, x) in cases {
            typed.integer(i)
            typed.field(id)
            typed.integer(theme)
            typed.fixed(s, places: 4)
            typed.field(status)
            if let x { typed.fixed(x, places: 4); typed.fixed(-x, places: 4) } else { typed.empty(); typed.empty() }
            typed.endRow()
            rows.row([String(i), id, String(theme), CSVWriter.fixed(s, places: 4), status,
                      x.map { CSVWriter.fixed($0, places: 4) } ?? "", x.map { CSVWriter.fixed(-$0, places: 4) } ?? ""])
        }
        #expect(typed.text == rows.text)
        #expect(typed.data == Data(rows.text.utf8))
        #expect(typed.text.contains("\n1,'=cmd,-1,0.0000,other,,\n"))
    }
}
