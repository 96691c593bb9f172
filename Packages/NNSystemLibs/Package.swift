// swift-tools-version: 6.0
import PackageDescription

/// The C libraries nn is built on, as Swift modules. This package holds module maps only.
let package = Package(
  name: "NNSystemLibs",
  products: [
    .library(name: "CGSL", targets: ["CGSL"]),
    .library(name: "CMatio", targets: ["CMatio"]),
    .library(name: "CNNZlib", targets: ["CNNZlib"]),
  ],
  targets: [
    // GSL for random numbers. Matrix products run on OpenBLAS, opened when the first product needs it (NNCore's
    // `BLASLibrary`) rather than linked: the module map names the libraries itself (`gsl`, `m`) because
    // `pkg-config --libs gsl` would add `-lgslcblas`, GSL's own CBLAS, ten times slower.
    .systemLibrary(
      name: "CGSL",
      path: "Sources/CGSL",
      providers: [.apt(["libgsl-dev", "libopenblas-dev"])]
    ),
    // libmatio (Debian's 1.5.23, built with zlib and HDF5): MAT files v4, v5, v7 (compressed) and v7.3 (HDF5).
    .systemLibrary(
      name: "CMatio",
      path: "Sources/CMatio",
      providers: [.apt(["libmatio-dev"])]
    ),
    // zlib, linked: NNData inflates the compressed variables of version 7 MAT files itself, to check their structure
    // before libmatio reads them.
    .systemLibrary(
      name: "CNNZlib",
      path: "Sources/CNNZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
  ]
)
