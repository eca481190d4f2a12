@testable import Analysis
import Foundation
import NumericCore
import Testing
import TestSupport

/// Redaction on fixtures with known answers, including numbers that fail the NHS check digit.
@Suite("redaction")
struct RedactorTests {
    let redactor = Redactor(names: ["Angus Morrison", "Sharmar"])

    func redacted(_ text: String) -> (String, [Redactor.Kind: Int]) {
        var counts: [Redactor.Kind: Int] = [:]
        return (redactor.redact(text, counts: &counts), counts)
    }

    @Test("screening texts before the expressions changes no redaction")
    func screeningChangesNothing() throws {
        var all = redactor
        all.screens = false
        var rng = Xoshiro256PlusPlus(seed: 6)
        let pieces = ["Dr Sharma", "Dr. Patel", "Nurse Jones", "nurse jones", "Mrs O'Brien", "MrSmith", "Sister", "Prof Lee-Hughes",
                      "jane@example.org", "a@b", "0161 496 0000", "+44 20 7946 0958", "943 476 5919", "LS1 4AP", "gir 0aa", "M1 1AE",
                      "12345", "Angus Morrison", "sharmar", "the ward", "(0113) 496 0000", "01632960123", "café", "Ms", "DrX", "_Dr Who",
                      "4Dr Who", "1", "22", ".", ",", "—"]
        var texts: [String] = []
        for _ in 0..<3000 {
            texts.append((0..<rng.nextInt(below: 6)).map { _ in pieces[rng.nextInt(below: pieces.count)] }
                .joined(separator: [" ", "", ", ", "\n"][rng.nextInt(below: 4)]))
        }
        // Real titles too where the public data is beside the checkout (the random texts above always run).
        if let so = Fixtures.sharedData?.appendingPathComponent("text/stc2/StackOverflow.txt"), let corpus = try? String(contentsOf: so, encoding: .utf8) { texts += corpus.split(separator: "\n").prefix(5000).map(String.init) }
        for text in texts {
            var a: [Redactor.Kind: Int] = [:], b: [Redactor.Kind: Int] = [:]
            #expect(redactor.redact(text, counts: &a) == all.redact(text, counts: &b), "\(text.debugDescription)")
            #expect(a == b)
        }
    }

    @Test func nhsNumbersWithAValidCheckDigitAreRedactedSpacedOrNot() {
        #expect(Redactor.isNHSNumber([9, 4, 3, 4, 7, 6, 5, 9, 1, 9]))
        #expect(Redactor.isNHSNumber([4, 0, 1, 0, 2, 3, 2, 1, 3, 7]))
        #expect(redacted("My NHS number is 943 476 5919.").0 == "My NHS number is [NHS number].")
        #expect(redacted("ref 9434765919 and 401-023-2137").0 == "ref [NHS number] and [NHS number]")
        #expect(redacted("943 476 5919").1 == [.nhsNumber: 1])
    }

    @Test func numbersThatFailTheCheckDigitAreLeftAlone() {
        for text in ["943 476 5910", "9434765918", "1000000015", "4010232130"] {
            #expect(redacted(text).0 == text, "\(text)")
        }
        #expect(!Redactor.isNHSNumber([1, 0, 0, 0, 0, 0, 0, 0, 1, 0]), "a check digit of 10 means no valid number")
        #expect(redacted("12345678901").0 == "12345678901", "eleven digits are not an NHS number")
    }

    @Test func emailsPhonesAndPostcodes() {
        #expect(redacted("write to jane.doe@example.nhs.uk today").0 == "write to [email] today")
        for phone in ["0161 496 0000", "07700 900123", "+44 20 7946 0958", "(0113) 496 0000", "01632960123"] {
            #expect(redacted("call \(phone) please").0 == "call [phone] please", "\(phone)")
        }
        for code in ["LS1 4AP", "sw1a 1aa", "M1 1AE", "EC1A1BB"] {
            #expect(redacted("I live at \(code).").0 == "I live at [postcode].", "\(code)")
        }
    }

    @Test func namesFromTheListAndAfterTitles() {
        #expect(redacted("Angus Morrison and SHARMAR were lovely").0 == "[name] and [name] were lovely")
        #expect(redacted("Dr Patel and Nurse Jones, then Mrs Smith-Hughes").0 == "Dr [name] and Nurse [name], then Mrs [name]")
        #expect(redacted("Sister Mary O'Brien helped").0 == "Sister [name] helped")
        let (_, counts) = redacted("Dr Patel called 0161 496 0000 about 943 476 5919; Sharmar agreed")
        #expect(counts == [.name: 2, .phone: 1, .nhsNumber: 1])
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["Ward 12, bay 4, 10mg twice a day in 2024", "the doctor was kind", "A&E at 3am", "Angusville is far", "The nurse said no"] {
            #expect(redacted(text).0 == text, "\(text)")
        }
    }
}
