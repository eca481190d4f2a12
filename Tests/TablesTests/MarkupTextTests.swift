import Testing
@testable import Tables

/// The byte-level escape the workbook writer uses gives exactly the scalar-level escape's text.
@Suite("Markup escaping")
struct MarkupTextTests {
    @Test("appendEscaped equals escape on markup, controls, non-characters and wide scalars")
    func bytesMatchScalars() {
        let pieces = ["a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "ß", "\u{FFFE}", "\u{FFFF}",
                      "\u{FFFD}", "\u{EFBF}", "日本", "😀", "&amp;", " ", "x\u{301}", "\u{FEFF}"]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var cases = pieces + [""]
        for _ in 0..<3000 { cases.append((0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()) }
        for text in cases {
            var bytes: [UInt8] = [1, 2]
            MarkupText.appendEscaped(text, to: &bytes)
            #expect(bytes == [1, 2] + Array(MarkupText.escape(text).utf8), "\(text.debugDescription)")
        }
    }
}
