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
    .target(
      name: "NNLayers",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "CNNKernels", package: "NNCore"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
