// swift-tools-version: 6.0
import PackageDescription

/// Layers, activations, losses, initializers and the sequential network of nn, with its trainer.
let package = Package(
  name: "NNLayers",
  products: [
    .library(name: "NNLayers", targets: ["NNLayers"])
  ],
  dependencies: [
    .package(path: "../NNCore")
  ],
  targets: [
    // The fused training kernel's inner loops in C, compiled for several instruction sets and chosen at run time.
    .target(name: "CNNKernels", linkerSettings: [.linkedLibrary("m")]),
    .target(
      name: "NNLayers",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        "CNNKernels",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
