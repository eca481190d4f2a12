/// What a model's runs are judged by, so summaries and comparisons lead with measures that move
/// under it (a commitment model's reach is the same for every boost; its commitment is not).
public enum ModelOutcome: String, Sendable, Codable, CaseIterable {
    /// Who adopts and when: reach, time to half, peak, still practising.
    case adoption
    /// How committed people stay: mean commitment, share committed, how far it decays.
    case commitment
    /// Where opinions settle: mean opinion and its spread.
    case opinion
}
