// swift-tools-version: 6.0
import PackageDescription

/// The C libraries nn is built on, as Swift modules. This package holds module maps only.
let package = Package(
  name: "NNSystemLibs",
  products: [
    .library(name: "CGSL", targets: ["CGSL"])
  ],
  targets: [
    // GSL linked against OpenBLAS rather than GSL's bundled CBLAS: the module map names the libraries
    // itself (`gsl`, `openblas`, `m`) because `pkg-config --libs gsl` would add `-lgslcblas`.
    .systemLibrary(
      name: "CGSL",
      path: "Sources/CGSL",
      providers: [.apt(["libgsl-dev", "libopenblas-dev"])]
    )
  ]
)
