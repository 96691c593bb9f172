// swift-tools-version: 6.0
import PackageDescription

/// Leaving and arriving: trained networks exported to ONNX, and weights imported from numpy and PyTorch.
let package = Package(
  name: "NNInterchange",
  products: [
    .library(name: "NNInterchange", targets: ["NNInterchange"])
  ],
  dependencies: [
    .package(path: "../NNCore"),
    .package(path: "../NNLayers"),
    .package(path: "../NNData"),
    .package(path: "../NNTraining"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
  ],
  targets: [
    .target(
      name: "NNInterchange",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNLayers", package: "NNLayers"),
        .product(name: "NNData", package: "NNData"),
        .product(name: "NNTraining", package: "NNTraining"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
