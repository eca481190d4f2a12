import NumericCore
import Testing

/// `--time-limit` durations in the forms people write them (Slurm's included), and the refusal.
@Suite("Time budget")
struct TimeBudgetTests {
    @Test("durations: seconds, suffixed units, Slurm's clock and day forms; nonsense refused")
    func parse() {
        let cases: [(String, Double?)] = [("90", 90), ("90s", 90), ("30m", 1800), ("2h", 7200), ("1.5h", 5400), ("1d", 86_400),
                                          ("45:00", 2700), ("1:30:00", 5400), ("2-12:00:00", 216_000), ("0:00:01", 1),
                                          ("", nil), ("soon", nil), ("-5m", nil), ("1:2:3:4", nil), ("1:-2", nil), ("x-1:00", nil)]
        for (text, expected) in cases { #expect(TimeBudget.parse(text) == expected, "\(text)") }
    }

    @Test("an estimate over the limit is refused with both figures; none set refuses nothing")
    func check() throws {
        let saved = TimeBudget.limit
        defer { TimeBudget.limit = saved }
        TimeBudget.limit = nil
        try TimeBudget.check(1e9, for: "anything")
        TimeBudget.limit = 60
        try TimeBudget.check(59, for: "a short run")
        #expect(throws: TimeBudget.Exceeded(what: "the run", seconds: 7200, limit: 60)) { try TimeBudget.check(7200, for: "the run") }
        #expect(TimeBudget.Exceeded(what: "the run", seconds: 7200, limit: 60).description
                == "the run would take about 2.0 h, more than the 60 s --time-limit allows")
        #expect(TimeBudget.format(0.42) == "0.4 s" && TimeBudget.format(300) == "5.0 min" && TimeBudget.format(300_000) == "3.5 days")
    }
}
