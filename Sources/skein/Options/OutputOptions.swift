import ArgumentParser

/// `--json`: quiet, machine-readable output for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object on stdout instead of text.")
    var json = false
}
