// swift-tools-version: 6.0
import PackageDescription

/// Layers, activations, losses, initializers, the sequential network of nn, and its model file.
let package = Package(
  name: "NNLayers",
  products: [
    .library(name: "NNLayers", targets: ["NNLayers"])
  ],
  dependencies: [
    .package(path: "../NNCore"),
    .package(path: "../NNData"),
  ],
  targets: [
    .target(
      name: "NNLayers",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNData", package: "NNData"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
