// swift-tools-version: 6.0
import PackageDescription

/// The fuzz targets of nn: one libFuzzer executable per reader of outside input, each feeding every input it is
/// given to one reader of the root package and treating any thrown error as a clean outcome.
///
/// Built only with libFuzzer and AddressSanitizer, by `Tests/Fuzz/fuzz build`, which runs
/// `swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address` (the README says why): the
/// executables have no `main.swift`, so SwiftPM compiles them as libraries and libFuzzer's `main` is the
/// program's. The root's `swift build` never builds them.
let package = Package(
  name: "NNFuzz",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "nn", path: "../..")
  ],
  targets: [
    // What several targets share: the registry of the `nn` tool, text decoding, a scratch file.
    .target(
      name: "FuzzSupport",
      dependencies: [
        .product(name: "NNCore", package: "nn"),
        .product(name: "NNLayers", package: "nn"),
        .product(name: "NNOptim", package: "nn"),
      ]
    ),
    fuzzTarget("FuzzMat", products: ["NNData"]),
    fuzzTarget("FuzzIris", products: ["NNData"]),
    fuzzTarget("FuzzCSV", products: ["NNData"]),
    fuzzTarget("FuzzNetworkSpecification", products: ["NNCore", "NNTraining"]),
    fuzzTarget("FuzzComponentRequest", products: ["NNCore"]),
    fuzzTarget("FuzzModelFile", products: ["NNCore", "NNTraining"]),
  ],
  swiftLanguageModes: [.v6]
)

/// A fuzz target: an executable whose `LLVMFuzzerTestOneInput` is called by libFuzzer's `main`.
///
/// - Parameters:
///   - name: The target's name; its sources live in `Sources/<name>/`.
///   - products: The root package's libraries it reads with.
/// - Returns: The executable target; its one file defines `LLVMFuzzerTestOneInput` and no `main`.
func fuzzTarget(_ name: String, products: [String]) -> Target {
  .executableTarget(
    name: name,
    dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "nn") }
  )
}
