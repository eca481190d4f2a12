import Foundation

/// Removes personal data from response text before anything is shared: NHS numbers (ten digits,
/// spaced or not, with a valid modulus-11 check digit — a number that fails the check is left
/// alone), e-mail addresses, UK phone numbers, UK postcodes, and names — those in a list the user
/// gives (a staff roster) and those following a title (Dr, Nurse, Sister, Mr, Mrs, Ms…). Each is
/// replaced by a typed placeholder (`[NHS number]`, `[email]`, `[phone]`, `[postcode]`, `[name]`),
/// and what was redacted is counted by kind.
public struct Redactor: Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case nhsNumber = "nhs_number", email, phone, postcode, name
        public var placeholder: String {
            switch self {
            case .nhsNumber: return "[NHS number]"
            case .email: return "[email]"
            case .phone: return "[phone]"
            case .postcode: return "[postcode]"
            case .name: return "[name]"
            }
        }
    }

    /// Titles after which the next one or two capitalised words are a name.
    public static let titles = ["Dr", "Doctor", "Nurse", "Sister", "Matron", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Professor", "Midwife"]

    public let names: [String]
    private let nameExpression: NSRegularExpression?
    /// Whether texts are screened (`Candidates`) before the expressions run; off only in the test
    /// that shows screening changes nothing.
    var screens = true

    static let email = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    /// Ten digits as 3-3-4 with spaces or hyphens, or run together, not inside a longer number.
    static let nhs = try! NSRegularExpression(pattern: #"(?<![\d+])(\d{3})[ \-]?(\d{3})[ \-]?(\d{4})(?![\d])"#)
    /// +44 or 0, then 9 or 10 more digits with optional spaces, hyphens or brackets.
    static let phone = try! NSRegularExpression(pattern: #"(?<![\d])(?:\+44[ \-]?(?:\(0\)[ \-]?)?|\(?0)\d{2,4}\)?(?:[ \-]?\d){6,8}(?![\d])"#)
    static let postcode = try! NSRegularExpression(
        pattern: #"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}\b"#, options: [.caseInsensitive])
    static let titled = try! NSRegularExpression(
        pattern: #"\b(\#(titles.joined(separator: "|")))\.?\s+(\#(nameWord)(?:\s+\#(nameWord))?)"#)
    /// A capitalised name, hyphens and apostrophes inside it: Patel, Smith-Hughes, O'Brien.
    static let nameWord = #"(?=[A-Z][a-z'’\-])[A-Z][a-z]*(?:['’\-][A-Z]?[a-z]+)*"#

    public init(names: [String] = []) {
        let cleaned = names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0.count >= 2 }
        self.names = cleaned
        // Longest first, so "Angus Morrison" is taken whole before "Angus".
        let alternatives = cleaned.sorted { $0.count > $1.count }.map {
            NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: "\\ ", with: "\\s+").replacingOccurrences(of: " ", with: "\\s+")
        }
        nameExpression = alternatives.isEmpty ? nil
            : try? NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}])", options: [.caseInsensitive])
    }

    /// Reads a names list, one name per line (blank lines and `#` comments skipped).
    public init(namesFile url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        self.init(names: text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") })
    }

    /// Whether ten digits are a valid NHS number: weights 10…2 on the first nine, 11 − (sum mod 11)
    /// is the check digit (11 reads as 0, 10 means no valid number).
    public static func isNHSNumber(_ digits: [Int]) -> Bool {
        guard digits.count == 10 else { return false }
        let sum = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == digits[9]
    }

    /// `text` redacted, and how many of each kind were replaced.
    public func redact(_ text: String, counts: inout [Kind: Int]) -> String {
        let could = screens ? Candidates(text) : Candidates(unread: ())
        var s = text
        if could.email { s = replace(Self.email, in: s, kind: .email, counts: &counts) }
        if could.digits >= 10 {
            s = replace(Self.nhs, in: s, kind: .nhsNumber, counts: &counts) { match in
                Self.isNHSNumber(match.compactMap { $0.wholeNumberValue })
            }
        }
        if could.digits >= 8 {
            s = replace(Self.phone, in: s, kind: .phone, counts: &counts) { match in
                (10...11).contains(match.filter(\.isNumber).count) || match.hasPrefix("+44")
            }
        }
        if could.digits >= 1 { s = replace(Self.postcode, in: s, kind: .postcode, counts: &counts) }
        if let nameExpression { s = replace(nameExpression, in: s, kind: .name, counts: &counts) }
        // Placeholders put before make new word boundaries ("[phone]Dr Sharma"): titles are looked
        // for in the text as it now stands.
        if !screens || Candidates.mayHoldTitle(s) { s = replace(Self.titled, in: s, kind: .name, group: 2, counts: &counts) }
        return s
    }

    /// What an ASCII text could hold, read in one pass, so the expressions run only where a match
    /// is possible (most responses have no "@", no digits and no title): an e-mail needs "@", an
    /// NHS number ten digits, a phone number eight, a postcode one, a titled name a title. The
    /// placeholders hold neither digits nor "@", so counts taken before any replacement still
    /// bound what later steps can find. Texts beyond ASCII (whose digits and letters the
    /// expressions read more widely) are tried on all.
    struct Candidates {
        var email = true, digits = Int.max

        init(_ text: String) {
            let read: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
                var at = false, count = 0
                for b in bytes {
                    if b >= 128 { return false }
                    if b == 64 { at = true } else if b >= 48 && b <= 57 { count += 1 }
                }
                email = at
                digits = count
                return true
            }
            if read != true { self = Candidates(unread: ()) }
        }

        init(unread: Void) {}

        /// Whether an ASCII text holds a title at a word start followed by something other than
        /// a word character (true for any other text).
        static func mayHoldTitle(_ text: String) -> Bool {
            text.utf8.withContiguousStorageIfAvailable { bytes in
                for (i, b) in bytes.enumerated() {
                    if b >= 128 { return true }
                    // Every title starts with one of D, N, S, M, P.
                    guard b == 68 || b == 78 || b == 83 || b == 77 || b == 80, i == 0 || !isWordByte(bytes[i - 1]) else { continue }
                    for t in Redactor.titleBytes where bytes.count - i > t.count && t[0] == b {
                        if bytes[i..<(i + t.count)].elementsEqual(t), !isWordByte(bytes[i + t.count]) { return true }
                    }
                }
                return false
            } ?? true
        }

        static func isWordByte(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
    }

    static let titleBytes = titles.map { Array($0.utf8) }

    public func redact(_ text: String) -> String {
        var counts: [Kind: Int] = [:]
        return redact(text, counts: &counts)
    }

    /// Replaces each accepted match of `expression` (or, with `group`, that capture group of it:
    /// "Dr Sharma" → "Dr [name]" keeps the title) by the kind's placeholder, counting them.
    private func replace(_ expression: NSRegularExpression, in text: String, kind: Kind, group: Int = 0, counts: inout [Kind: Int],
                         accept: (String) -> Bool = { _ in true }) -> String {
        let ns = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return text }
        var out = "", last = 0
        for m in matches {
            let range = m.range(at: group)
            guard accept(ns.substring(with: range)) else { continue }
            out += ns.substring(with: NSRange(location: last, length: range.location - last)) + kind.placeholder
            last = range.location + range.length
            counts[kind, default: 0] += 1
        }
        return out + ns.substring(from: last)
    }
}
