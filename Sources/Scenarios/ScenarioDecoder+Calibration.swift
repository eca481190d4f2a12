import Documents

/// `calibration:`, the record a calibrated scenario keeps of where its parameters came from
/// (`skein calibrate` writes it): the calibration file, the method, and per parameter its estimate
/// and interval. It changes nothing in the run; it is checked here and kept in the run's manifest
/// with the rest of the resolved scenario, so a result names the posterior it ran from.
extension ScenarioDecoder {
    static let calibrationParameterKeys = ["median", "mean", "estimate", "se", "low", "high", "prior_low", "prior_high"]

    mutating func decodeCalibration(_ v: ScenarioValue) {
        guard var r = FieldReader(v, path: "calibration", &d) else { return }
        _ = r.string("file", &d)
        _ = r.string("method", &d)
        if let parameters = r.value("parameters") {
            if case let .mapping(entries, _) = parameters {
                for entry in entries {
                    let path = "calibration.parameters.\(entry.key)"
                    guard var p = FieldReader(entry.value, path: path, &d) else { continue }
                    let values = Self.calibrationParameterKeys.map { p.double($0, &d) }
                    if values[0] == nil && values[2] == nil {
                        d.append(Diagnostic(entry.value.origin, "\(path) needs its value: median (a posterior) or estimate (a fit)"))
                    }
                    p.finish(&d)
                }
            } else {
                d.append(Diagnostic(parameters.origin, "calibration.parameters must map each parameter to its estimate",
                                    hint: "e.g. parameters: {innovation: {median: 0.07, low: 0.02, high: 0.11}}"))
            }
        }
        r.finish(&d)
    }
}
