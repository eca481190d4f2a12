/// The per-replicate outcomes: the columns of `replicates.csv` after `replicate`, the rows of
/// `summary.csv` and the keys of `summary.json`'s `metrics`, in this order.
public enum RunMetric: String, CaseIterable, Sendable {
    /// People ever adopted at the horizon, and as a share of everyone.
    case finalReach = "final_reach", reachShare = "reach_share"
    /// People practising at the horizon.
    case finalAdopted = "final_adopted"
    /// First step with half (90%) of people reached; undefined in runs that never get there.
    case timeTo50 = "time_to_50", timeTo90 = "time_to_90"
    /// Most people practising at once, and the first step it happened.
    case peakAdopted = "peak_adopted", peakTime = "peak_time"
    /// Abandonments, and departures (removals and turnover).
    case lapses, departures
    /// Gini of reach shares across organisations (0: all reached equally).
    case reachInequality = "reach_inequality"
    /// Share of adoptions passed on by someone in another organisation.
    case crossBoundaryShare = "cross_boundary_share"
    /// Runs that track commitment (the commitment and opinion models, waning commitment): mean
    /// commitment (the opinion models: mean opinion) at the horizon; the share of people committed at
    /// 0.5 or more; the share of the peak mean commitment still held at the horizon; and the standard
    /// deviation across people at the horizon (the opinion models' spread, polarisation's simplest measure).
    case finalCommitment = "final_commitment", committedShare = "committed_share"
    case commitmentRetained = "commitment_retained", spread
}
