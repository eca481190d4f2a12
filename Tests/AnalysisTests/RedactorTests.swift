import Analysis
import Foundation
import Testing

/// Redaction on fixtures with known answers, including numbers that fail the NHS check digit.
@Suite("redaction")
struct RedactorTests {
    let redactor = Redactor(names: ["Angus Morrison", "Sharmar"])

    func redacted(_ text: String) -> (String, [Redactor.Kind: Int]) {
        var counts: [Redactor.Kind: Int] = [:]
        return (redactor.redact(text, counts: &counts), counts)
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
