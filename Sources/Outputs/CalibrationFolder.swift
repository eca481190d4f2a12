import Foundation

/// The folder `skein calibrate --out` writes: `calibration.json` (everything, as the command's
/// `--json` prints it), `calibration.csv` (`model,parameter,estimate,se,low,high,method`),
/// `calibrated.yaml` and its `network.graphml`, and `report.html` with `--report`.
public enum CalibrationFolder {
    public enum File {
        public static let calibration = "calibration.json"
        public static let table = "calibration.csv"
        public static let scenario = "calibrated.yaml"
        public static let network = "network.graphml"
        public static let report = "report.html"
    }

    public static let tableColumns = ["model", "parameter", "estimate", "se", "low", "high", "method"]

    public static func isCalibrationFolder(_ dir: URL) -> Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent(File.calibration).path)
    }

    /// calibration.json as a JSON value; an error naming the file when it is not one.
    public static func read(_ dir: URL) throws -> JSONValue {
        let url = dir.appendingPathComponent(File.calibration)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunFolder.ReadError.unreadable(file: url.path, why: "missing (is this a folder written by skein calibrate --out?)")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw RunFolder.ReadError.unreadable(file: url.path, why: "not JSON (\((error as NSError).localizedDescription))")
        }
    }
}
