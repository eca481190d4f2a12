// swift-tools-version: 6.1
//
// Skein: an engine for large-scale engagement in health and care.
// Dependencies run one way: COpenBLAS → NumericCore → Graphs → Simulation → Scenarios → Sweeps → skein (CLI), and
// NumericCore → Analysis → skein; Reports reads what runs write through Outputs (file names and columns defined once);
// Tables (CSV I/O), Documents (YAML/JSON with origins), Outputs and Provenance sit beside them.
import PackageDescription

let package = Package(
    name: "Skein",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "skein", targets: ["skein"]),
        .library(name: "NumericCore", targets: ["NumericCore"]),
        .library(name: "Provenance", targets: ["Provenance"]),
        .library(name: "Tables", targets: ["Tables"]),
        .library(name: "Graphs", targets: ["Graphs"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "Outputs", targets: ["Outputs"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Sweeps", targets: ["Sweeps"]),
        .library(name: "Cluster", targets: ["Cluster"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Encoders", targets: ["Encoders"]),
        .library(name: "Diffusion", targets: ["Diffusion"]),
        .library(name: "Calibration", targets: ["Calibration"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Excel workbooks (.xlsx) are zip archives: network maps from Kumu, Polinode and NodeXL.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // SHA-256 of outputs, benchmark results and model weights.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // The only target that links BLAS/LAPACK. pkg-config `openblas`, Debian `libopenblas-dev`.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "NumericCore",
            dependencies: ["COpenBLAS"]
        ),
        .target(
            name: "Tables",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Documents people write (scenario files, benchmark suites): YAML/JSON values that remember
        // their file, line and column, a field reader that collects every problem, and diagnostics.
        .target(
            name: "Documents",
            dependencies: ["Tables", .product(name: "Yams", package: "Yams")]
        ),
        // The folders runs write, as typed values: file names and columns defined once, for the
        // writer, the reports and notebooks, and people loading the files themselves.
        .target(
            name: "Outputs",
            dependencies: ["Tables"]
        ),
        .target(
            name: "Graphs",
            dependencies: ["NumericCore", "Tables", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "Simulation",
            dependencies: ["NumericCore", "Graphs"]
        ),
        // Real adoption data: who adopted when in which network; diffusion statistics and Bass fits.
        .target(
            name: "Diffusion",
            dependencies: ["NumericCore", "Graphs", "Tables"]
        ),
        // Calibrating scenario models to adoption data by simulation (ABC on the ensemble engine).
        .target(
            name: "Calibration",
            dependencies: ["Cluster", "Diffusion", "Scenarios", "Simulation", "Graphs", "NumericCore", "Tables"]
        ),
        // The rapid analyser: votes and text into opinion groups and themes, on the numeric core.
        .target(
            name: "Analysis",
            dependencies: ["NumericCore", "Tables", "Outputs", "Documents"]
        ),
        // Sentence encoders on the numeric core: WordPiece, BERT in single precision, models installed
        // from pinned wheels and embeddings cached per text.
        .target(
            name: "Encoders",
            dependencies: ["NumericCore", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Reports people look at: HTML with inline SVG charts, from run and analysis folders.
        .target(
            name: "Reports",
            dependencies: ["Tables", "Outputs"]
        ),
        // Scenario files, the runner and its outputs: on top of the simulator.
        .target(
            name: "Scenarios",
            dependencies: ["Simulation", "Graphs", "Tables", "Provenance", "Documents", "Outputs"]
        ),
        // Slurm as batch work needs it: submitting arrays, asking how tasks stand, the resources a task
        // asks for, and the jobs a plan folder was submitted as. Knows nothing of what the tasks run.
        .target(
            name: "Cluster",
            dependencies: ["Tables"]
        ),
        // Parameter sweeps into SQLite (resumable, sharded, mergeable): on top of scenarios, so
        // decoding a scenario never pulls in the database.
        .target(
            name: "Sweeps",
            dependencies: ["Cluster", "Scenarios", "Outputs", "Simulation", "Graphs", "Tables", "Provenance", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Benchmark suites for researchers: workloads timed with provenance and result checksums.
        .target(
            name: "Bench",
            dependencies: ["Scenarios", "Simulation", "Graphs", "Analysis", "Provenance", "Tables"]
        ),
        .target(
            name: "Provenance",
            dependencies: ["NumericCore"],
            plugins: ["BuildInfoPlugin"]
        ),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .executableTarget(
            name: "skein",
            dependencies: [
                "NumericCore",
                "Graphs",
                "Simulation",
                "Scenarios",
                "Sweeps",
                "Cluster",
                "Analysis",
                "Encoders",
                "Diffusion",
                "Calibration",
                "Reports",
                "Bench",
                "Provenance",
                "Tables",
                "Outputs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Fixtures and the shared conformance checks every model, seeding strategy and clusterer meets.
        .target(name: "TestSupport", dependencies: ["NumericCore", "Graphs", "Simulation", "Analysis"], path: "Tests/TestSupport"),
        .testTarget(name: "NumericCoreTests", dependencies: ["NumericCore", "TestSupport"]),
        .testTarget(name: "TablesTests", dependencies: ["Tables", "TestSupport"]),
        .testTarget(name: "GraphsTests", dependencies: ["Graphs", "Tables", "TestSupport"], exclude: ["Fixtures", "Interop"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Graphs", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Sweeps", "Cluster", "Outputs", "Simulation", "NumericCore", "Tables", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EncodersTests", dependencies: ["Encoders", "NumericCore", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Fixtures"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "NumericCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Outputs", "Scenarios", "Analysis", "NumericCore", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Scenarios", "TestSupport"]),
        .testTarget(name: "ProvenanceTests", dependencies: ["Provenance", "TestSupport"]),
        .testTarget(name: "DiffusionTests", dependencies: ["Diffusion", "Calibration", "Cluster", "Scenarios", "Graphs", "Tables", "NumericCore", "TestSupport"]),
        .testTarget(name: "SkeinCLITests", dependencies: ["skein", "Tables", "Encoders", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Hardening"]),
    ],
    swiftLanguageModes: [.v6]
)
