/// The Porter2 ("English") stemmer of the Snowball project (Porter 2001, snowballstem.org),
/// written from the published algorithm: regions R1 and R2, steps 0–5, and its exceptional forms.
/// Works on lowercase words; words of two letters or fewer are returned unchanged.
public struct Porter2Stemmer: Sendable {
    public init() {}

    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl", "gently": "gentl",
        "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl", "sky": "sky", "news": "news", "howe": "howe",
        "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
    static let afterStep1a: [[UInt8]] = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"].map { Array($0.utf8) }

    public func stem(_ word: String) -> String {
        if let e = Self.exceptions[word] { return e }
        var w = Array(word.utf8)
        guard w.count > 2 else { return word }
        // Only ASCII letters and apostrophes are stemmed; anything else passes through.
        guard w.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 39 }) else { return word }
        if w.first == 39 { w.removeFirst() }
        guard w.count > 2 else { return String(decoding: w, as: UTF8.self) }
        // y at the start or after a vowel is a consonant: mark it Y (89).
        for i in w.indices where w[i] == 121 && (i == 0 || Self.isVowel(w[i - 1])) { w[i] = 89 }
        let (r1, r2) = Self.regions(w)
        Self.step0(&w)
        Self.step1a(&w)
        if Self.afterStep1a.contains(w) { return String(decoding: w, as: UTF8.self) }
        Self.step1b(&w, r1: r1)
        Self.step1c(&w)
        Self.step2(&w, r1: r1)
        Self.step3(&w, r1: r1, r2: r2)
        Self.step4(&w, r2: r2)
        Self.step5(&w, r1: r1, r2: r2)
        for i in w.indices where w[i] == 89 { w[i] = 121 }
        return String(decoding: w, as: UTF8.self)
    }

    // MARK: Letters and regions

    @inline(__always) static func isVowel(_ c: UInt8) -> Bool {
        c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121
    }

    /// The letters whose doubles (bb, dd, ff, gg, mm, nn, pp, rr, tt) step 1b undoubles.
    static let doubled: Set<UInt8> = Set("bdfgmnprt".utf8)
    static let liEndings: Set<UInt8> = Set("cdeghkmnrt".utf8)

    static let r1Prefixes = ["gener", "commun", "arsen"].map { Array($0.utf8) }

    /// R1 and R2 start positions: each region begins after the first non-vowel that follows a
    /// vowel (R1 after one of the exceptional prefixes when the word starts with it).
    static func regions(_ w: [UInt8]) -> (Int, Int) {
        func region(after start: Int) -> Int {
            var i = start
            while i < w.count && !isVowel(w[i]) { i += 1 }
            while i < w.count && isVowel(w[i]) { i += 1 }
            return min(w.count, i + 1)
        }
        let r1 = r1Prefixes.first { w.starts(with: $0) }?.count ?? region(after: 0)
        return (r1, region(after: r1))
    }

    /// Byte comparison in place: no array per test (a corpus's vocabulary is stemmed word by word).
    static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        var suffix = suffix
        return suffix.withUTF8 { s in
            guard w.count >= s.count else { return false }
            let offset = w.count - s.count
            for i in 0..<s.count where w[offset + i] != s[i] { return false }
            return true
        }
    }

    /// The longest of `suffixes` the word ends with (the first such, among equally long ones).
    static func longest(_ w: [UInt8], _ suffixes: [String]) -> String? {
        var best: String?, length = -1
        for suffix in suffixes where suffix.utf8.count > length && ends(w, suffix) {
            best = suffix
            length = suffix.utf8.count
        }
        return best
    }

    static func replace(_ w: inout [UInt8], _ suffix: String, with replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: replacement.utf8)
    }

    /// A short syllable ending at index `end` (exclusive): non-vowel, vowel, non-vowel other than
    /// w, x, Y; or, at the word's start, a vowel followed by a non-vowel.
    static func endsInShortSyllable(_ w: [UInt8], length n: Int) -> Bool {
        if n == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
        guard n >= 3 else { return false }
        let a = w[n - 3], b = w[n - 2], c = w[n - 1]
        return !isVowel(a) && isVowel(b) && !isVowel(c) && c != 119 && c != 120 && c != 89
    }

    static func isShort(_ w: [UInt8], r1: Int) -> Bool { r1 >= w.count && endsInShortSyllable(w, length: w.count) }

    // MARK: Steps

    // The suffix lists are built once (an array literal in a step would be built per word).
    static let step0Suffixes = ["'", "'s", "'s'"]
    static let step1aSuffixes = ["sses", "ied", "ies", "us", "ss", "s"]
    static let step1bSuffixes = ["eed", "eedly", "ed", "edly", "ing", "ingly"]

    static func step0(_ w: inout [UInt8]) {
        if let s = longest(w, step0Suffixes) { w.removeLast(s.utf8.count) }
    }

    static func step1a(_ w: inout [UInt8]) {
        guard let s = longest(w, step1aSuffixes) else { return }
        switch s {
        case "sses": replace(&w, s, with: "ss")
        case "ied", "ies": replace(&w, s, with: w.count - s.utf8.count > 1 ? "i" : "ie")
        case "s":
            // Delete if a vowel occurs before the letter preceding the s.
            if w.count >= 3 && w[0..<(w.count - 2)].contains(where: isVowel) { w.removeLast() }
        default: break  // us, ss
        }
    }

    static func step1b(_ w: inout [UInt8], r1: Int) {
        guard let s = longest(w, step1bSuffixes) else { return }
        let stem = w.count - s.utf8.count
        if s == "eed" || s == "eedly" {
            if stem >= r1 { replace(&w, s, with: "ee") }
            return
        }
        guard w[0..<stem].contains(where: isVowel) else { return }
        w.removeLast(s.utf8.count)
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
            w.append(101)
        } else if w.count >= 2 && w[w.count - 1] == w[w.count - 2] && doubled.contains(w[w.count - 1]) {
            w.removeLast()
        } else if isShort(w, r1: r1) {
            w.append(101)
        }
    }

    static func step1c(_ w: inout [UInt8]) {
        guard let last = w.last, last == 121 || last == 89, w.count > 2, !isVowel(w[w.count - 2]) else { return }
        w[w.count - 1] = 105
    }

    static let step2Suffixes = step2Rules.map(\.0)
    static let step3Suffixes = step3Rules.map(\.0)
    static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"), ("izer", "ize"),
        ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
        ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    static func step2(_ w: inout [UInt8], r1: Int) {
        guard let s = longest(w, step2Suffixes) else { return }
        let stem = w.count - s.utf8.count
        guard stem >= r1 else { return }
        if s == "ogi" && !(stem > 0 && w[stem - 1] == 108) { return }
        if s == "li" && !(stem > 0 && liEndings.contains(w[stem - 1])) { return }
        replace(&w, s, with: step2Rules.first { $0.0 == s }!.1)
    }

    static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    static func step3(_ w: inout [UInt8], r1: Int, r2: Int) {
        guard let s = longest(w, step3Suffixes) else { return }
        let stem = w.count - s.utf8.count
        guard stem >= r1 else { return }
        if s == "ative" && stem < r2 { return }
        replace(&w, s, with: step3Rules.first { $0.0 == s }!.1)
    }

    static let step4Suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
                                "iti", "ous", "ive", "ize", "ion"]

    static func step4(_ w: inout [UInt8], r2: Int) {
        guard let s = longest(w, step4Suffixes) else { return }
        let stem = w.count - s.utf8.count
        guard stem >= r2 else { return }
        if s == "ion" && !(stem > 0 && (w[stem - 1] == 115 || w[stem - 1] == 116)) { return }
        w.removeLast(s.utf8.count)
    }

    static func step5(_ w: inout [UInt8], r1: Int, r2: Int) {
        guard let last = w.last else { return }
        let stem = w.count - 1
        if last == 101 {
            if stem >= r2 || (stem >= r1 && !endsInShortSyllable(w, length: stem)) { w.removeLast() }
        } else if last == 108 {
            if stem >= r2 && stem > 0 && w[stem - 1] == 108 { w.removeLast() }
        }
    }
}
