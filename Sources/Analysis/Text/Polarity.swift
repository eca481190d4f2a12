/// Whether a word, a label or a short response reads as praise or as complaint: a lexicon of the
/// evaluative words common in patient and event feedback, with negation ("not good", "wasn't
/// helpful", "no help") turning the words after it. It keeps a theme's label from reading the
/// opposite way to the theme's own quotes ("food, good" over "The food was very poor"); it is not
/// a sentiment analysis, and a response with no evaluative word is neutral.
public enum Polarity: Int, Sendable, Hashable {
    case negative = -1, neutral = 0, positive = 1

    public var opposite: Polarity { Polarity(rawValue: -rawValue)! }

    /// The sum of the evaluative words' signs, each turned by a negation among the three words
    /// before it (within the clause); its sign is the polarity.
    public static func of(_ text: String) -> Polarity {
        var score = 0, negatedFor = 0
        for word in words(text) {
            if word == "," || word == "." {
                negatedFor = 0
                continue
            }
            if negators.contains(word) || word.hasSuffix("n't") || contractedNegations.contains(word) {
                negatedFor = 3
                continue
            }
            var sign = praise.contains(word) ? 1 : complaint.contains(word) ? -1 : 0
            if negatedFor > 0 {
                sign = -sign
                negatedFor -= 1
            }
            score += sign
        }
        return score > 0 ? .positive : score < 0 ? .negative : .neutral
    }

    /// Lower-cased words with clause breaks kept as "," or "." (apostrophes kept inside words).
    static func words(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch == "'" || ch == "’" {
                current.append(ch == "’" ? "'" : ch)
            } else {
                if !current.isEmpty { out.append(current); current = "" }
                if ",;:.!?".contains(ch) { out.append(ch == "," || ch == ";" || ch == ":" ? "," : ".") }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static let negators: Set<String> = ["not", "no", "never", "nothing", "hardly", "barely", "without", "nobody", "none", "neither", "nor",
                                        "lack", "lacking", "lacked"]
    /// Negations written without the apostrophe.
    static let contractedNegations: Set<String> = ["dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "cant", "couldnt",
                                                   "wouldnt", "shouldnt", "wont", "havent", "hasnt", "hadnt"]

    static let praise: Set<String> = [
        "good", "great", "excellent", "brilliant", "amazing", "fantastic", "wonderful", "lovely", "nice", "superb", "outstanding",
        "perfect", "best", "better", "fine", "friendly", "helpful", "kind", "kindly", "caring", "compassionate", "polite", "courteous",
        "respectful", "professional", "efficient", "clean", "tidy", "quick", "quickly", "fast", "prompt", "promptly", "calm", "comfortable",
        "happy", "pleased", "satisfied", "reassured", "reassuring", "supportive", "attentive", "welcoming", "welcomed", "thorough",
        "clear", "clearly", "easy", "informative", "warm", "smooth", "safe", "thank", "thanks", "thankful", "grateful",
        "appreciated", "impressed", "love", "loved", "enjoyed", "recommend", "positive", "pleasant", "exceptional", "fab",
        "fabulous", "marvellous", "tasty", "delicious", "spotless", "responsive", "approachable", "listened", "understanding", "explained", "informed", "organised", "organized",
    ]

    static let complaint: Set<String> = [
        "bad", "poor", "poorly", "terrible", "awful", "dreadful", "horrible", "appalling", "disgusting", "shocking", "worst", "worse",
        "rude", "unhelpful", "unkind", "uncaring", "unprofessional", "dismissive", "abrupt", "arrogant", "disrespectful", "ignored",
        "dirty", "filthy", "untidy", "smelly", "cold", "tasteless", "inedible", "bland", "slow", "slowly", "late", "delayed", "delay",
        "delays", "long", "lengthy", "cancelled", "expensive", "overpriced", "noisy", "loud", "crowded",
        "confusing", "confused", "unclear", "difficult", "impossible", "lost", "missing", "forgot", "forgotten", "wrong",
        "mistake", "mistakes", "error", "errors", "unsafe", "dangerous", "painful", "uncomfortable", "anxious", "worried", "upset",
        "upsetting", "distressed", "frustrated", "frustrating", "angry", "disappointed", "disappointing", "unhappy", "complaint",
        "complain", "complained", "problem", "problems", "issue", "issues", "shortage", "understaffed",
        "chaotic", "disorganised", "disorganized", "inadequate", "insufficient", "unacceptable", "negative", "neglected", "nowhere",
    ]
}
