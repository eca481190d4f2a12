/// Common English function words, which carry no theme: articles, pronouns, auxiliaries,
/// prepositions, conjunctions, and filler adverbs. Contractions appear with their apostrophe.
public enum EnglishStopWords {
    public static let words: Set<String> = Set("""
        a about above across after afterwards again against all almost alone along already also although always am
        among amongst an and another any anybody anyhow anyone anything anyway anywhere are aren't around as at
        back be became because become becomes becoming been before beforehand behind being below beside besides
        between beyond both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down
        during each eg either else elsewhere enough etc even ever every everybody everyone everything everywhere
        except few for former formerly from further had hadn't has hasn't have haven't having he he'd he'll he's
        hence her here hereafter hereby herein here's hers herself him himself his how however how's i i'd ie if
        i'll i'm in indeed instead into is isn't it its it's itself i've just last latter latterly least less
        let's made make many may me meanwhile might mine more moreover most mostly much must mustn't my myself
        namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on
        once one only onto or other others otherwise ought our ours ourselves out over own per perhaps please
        quite rather re really said same say says see seem seemed seeming seems several shall shan't she she'd
        she'll she's should shouldn't since so some somebody somehow someone something sometime sometimes
        somewhere still such than that that's the their theirs them themselves then thence there thereafter
        thereby therefore therein there's thereupon these they they'd they'll they're they've this those though
        through throughout thru thus to together too toward towards under until up upon us very via was wasn't we
        we'd we'll were we're weren't we've what whatever what's when whence whenever when's where whereafter
        whereas whereby wherein where's whereupon wherever whether which while whither who whoever whole whom
        who's whose why why's will with within without won't would wouldn't yet you you'd you'll your you're
        yours yourself yourselves you've
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
