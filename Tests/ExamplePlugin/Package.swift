// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "ExamplePlugin",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Softsign", targets: ["Softsign"]),
    .executable(name: "softsign-demo", targets: ["SoftsignDemo"]),
  ],
  dependencies: [
    .package(url: "https://git.example.com/nn.git", from: "0.1.0")
  ],
  targets: [
    .target(
      name: "Softsign",
      dependencies: [
        .product(name: "NNCore", package: "nn"),
        .product(name: "NNLayers", package: "nn"),
      ]
    ),
    .executableTarget(
      name: "SoftsignDemo",
      dependencies: [
        "Softsign",
        .product(name: "NNCore", package: "nn"),
        .product(name: "NNData", package: "nn"),
        .product(name: "NNLayers", package: "nn"),
        .product(name: "NNOptim", package: "nn"),
        .product(name: "NNTraining", package: "nn"),
      ]
    ),
    .testTarget(
      name: "SoftsignTests",
      dependencies: [
        "Softsign",
        .product(name: "NNCore", package: "nn"),
        .product(name: "NNLayers", package: "nn"),
        .product(name: "NNOptim", package: "nn"),
      ]
    ),
  ]
)
