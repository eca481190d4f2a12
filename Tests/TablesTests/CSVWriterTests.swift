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
}
