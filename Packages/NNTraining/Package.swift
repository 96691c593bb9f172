// swift-tools-version: 6.0
import PackageDescription

/// The training workflow of nn: fit with observers, history and metrics, charts, model files, network
/// specifications, and the default components with the checks of combinations that cannot work.
let package = Package(
  name: "NNTraining",
  products: [
    .library(name: "NNTraining", targets: ["NNTraining"])
  ],
  dependencies: [
    .package(path: "../NNCore"),
    .package(path: "../NNLayers"),
    .package(path: "../NNOptim"),
    .package(path: "../NNData"),
  ],
  targets: [
    .target(
      name: "NNTraining",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNLayers", package: "NNLayers"),
        .product(name: "NNOptim", package: "NNOptim"),
        .product(name: "NNData", package: "NNData"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
