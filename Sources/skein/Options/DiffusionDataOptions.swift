import ArgumentParser
import Diffusion
import Foundation
import Graphs

extension DiffusionData.NonAdopters: ExpressibleByArgument {}
extension Exposure.Direction: ExpressibleByArgument {}

/// The adoption-data options `skein diffusion stats` and `skein calibrate` share.
struct DiffusionDataOptions: ParsableArguments {
    @Argument(help: "The table of people with their time of adoption (CSV, TSV or .xlsx).") var data: String
    @Option(name: .long, help: "The id column (default: id, node_id, node, respondent, or the first column).") var id: String?
    @Option(name: .long, help: "The time-of-adoption column.") var toa = "toa"
    @Option(name: .customLong("non-adopters"), help: "How non-adopters are marked: coded-last (one past the last period) or censored (empty).")
    var nonAdopters: DiffusionData.NonAdopters = .codedLast
    @Option(name: .customLong("observed-until"), help: "Censored data: the last observed period, in the data's values (default: the latest time).")
    var observedUntil: Int?
    @Option(name: .long, help: "The network file (default: nominee columns of DATA).") var network: String?
    @Option(name: .customLong("network-format"), help: "The network file's format (default: from the file).") var networkFormat: String?
    @OptionGroup(title: "Nominee columns of DATA (when there is no --network); --group also names the data's groups")
    var survey: SurveyInputOptions
    @Option(name: .long, help: "Exposure through outgoing ties (whom people nominated) or incoming ones.") var exposure: Exposure.Direction = .outgoing
    @Flag(name: .long, help: "Exposure weighted by tie weight (name-generator slots).") var weighted = false

    func validate() throws { try survey.validate() }

    func load() throws -> DiffusionData {
        var options = DiffusionDataLoader.Options()
        options.id = id
        options.toa = toa
        options.group = survey.group
        options.nonAdopters = nonAdopters
        options.observedUntil = observedUntil
        options.network = network.map { URL(fileURLWithPath: $0) }
        options.networkFormat = networkFormat
        options.survey = survey.options
        options.notice = { FileHandle.standardError.write(Data("note: \($0)\n".utf8)) }
        return try DiffusionDataLoader(options: options).load(URL(fileURLWithPath: data))
    }

    var exposureRule: Exposure { Exposure(direction: exposure, weighted: weighted) }
}
