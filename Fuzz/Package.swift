// swift-tools-version: 6.1
//
// Fuzz targets for every parser Skein reads user files with, built with libFuzzer and the
// address sanitizer (`make fuzz`, `scripts/fuzz.sh`). A separate package, as Benchmarks/ is, so
// the main build never carries sanitizer flags. One binary; the target is SKEIN_FUZZ_TARGET.
import PackageDescription

let package = Package(
    name: "SkeinFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Skein", path: "..")],
    targets: [
        .executableTarget(
            name: "skein-fuzz",
            dependencies: [
                .product(name: "Tables", package: "Skein"),
                .product(name: "Graphs", package: "Skein"),
                .product(name: "Analysis", package: "Skein"),
                .product(name: "Scenarios", package: "Skein"),
                .product(name: "Bench", package: "Skein"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
