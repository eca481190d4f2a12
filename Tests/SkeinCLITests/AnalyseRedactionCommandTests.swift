import Foundation
import Testing
import TestSupport

/// `skein analyse` redacts by default: no output file holds the personal data, the counts are
/// recorded, and `--no-redact` keeps the text as given.
@Suite("skein analyse redaction")
struct AnalyseRedactionCommandTests {
    static let csv = """
        id,comment
        1,"Dr Patel was brilliant, my NHS number is 943 476 5919"
        2,"Call me on 07700 900123 about the parking"
        3,"Angus Morrison on ward 4 was rude about the parking"
        4,"The parking at LS1 4AP costs too much"
        5,"Nurse Jones was kind and caring"
        6,"Parking is too expensive, email jane@example.com"
        7,"Nurses were kind and caring"
        8,"943 476 5910 is my locker code and the parking is awful"
        9,"the nurses were very caring"
        10,"kind nurses, caring nurses"
        """
    static let personal = ["943 476 5919", "07700 900123", "Angus", "Morrison", "Patel", "Jones", "LS1 4AP", "jane@example.com"]

    @Test func noOutputHoldsThePersonalDataAndTheCountsAreRecorded() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("redact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("c.csv"), names = dir.appendingPathComponent("names.txt")
        try Self.csv.write(to: input, atomically: true, encoding: .utf8)
        try "Angus Morrison\n".write(to: names, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CommandRunner.skein(["analyse", input.path, "--embed", "tfidf", "--k", "2", "--names", names.path, "--report", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) where !file.hasSuffix(".npy") {
            // The workbook is a zip: its cells are read by openpyxl (where the interop venv is there).
            let text = file.hasSuffix(".xlsx") ? try InteropPython.run(["read-xlsx", out.appendingPathComponent(file).path]) ?? ""
                : try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            for p in Self.personal { #expect(!text.contains(p), "\(file) holds \(p)") }
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("themes.json"))) as? [String: Any]
        let counts = try #require(json?["redactions"] as? [String: Int])
        #expect(counts == ["nhs_number": 1, "email": 1, "phone": 1, "postcode": 1, "name": 3])
        // The number failing the check digit is not personal data by this rule and stays (in the
        // workbook's assignments, which carry every response's text).
        if let book = try InteropPython.run(["read-xlsx", out.appendingPathComponent("themes.xlsx").path]) {
            #expect(book.contains("943 476 5910"))
        }

        let kept = dir.appendingPathComponent("kept")
        #expect(try CommandRunner.skein(["analyse", input.path, "--embed", "tfidf", "--k", "2", "--no-redact", "--out", kept.path]).status == 0)
        let raw = try String(contentsOf: kept.appendingPathComponent("themes.json"), encoding: .utf8)
        #expect(raw.contains("Patel") || raw.contains("Angus") || raw.contains("07700"))
        #expect(!raw.contains("\"redactions\""))
        let both = try CommandRunner.skein(["analyse", input.path, "--no-redact", "--names", names.path, "--out", dir.appendingPathComponent("x").path])
        #expect(both.status != 0 && both.stderr.contains("--names"))
    }
}
