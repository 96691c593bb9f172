// swift-tools-version: 6.0
import PackageDescription

/// A package outside the framework that adds its own activation, `softsign`, through its own plugin, and a small
/// program that trains a network using it by name, saves it as a model file and loads it back. It depends on the
/// framework's packages by path, as a user's package would depend on them by URL.
let package = Package(
  name: "ExamplePlugin",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Softsign", targets: ["Softsign"]),
    .executable(name: "softsign-demo", targets: ["SoftsignDemo"]),
  ],
  dependencies: [
    .package(path: "../../Packages/NNCore"),
    .package(path: "../../Packages/NNLayers"),
    .package(path: "../../Packages/NNOptim"),
    .package(path: "../../Packages/NNData"),
  ],
  targets: [
    .target(
      name: "Softsign",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNLayers", package: "NNLayers"),
      ]
    ),
    .executableTarget(
      name: "SoftsignDemo",
      dependencies: [
        "Softsign",
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNLayers", package: "NNLayers"),
        .product(name: "NNOptim", package: "NNOptim"),
        .product(name: "NNData", package: "NNData"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
