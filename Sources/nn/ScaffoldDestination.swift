import Foundation

/// Where `nn new` writes: into this repository's packages, or into a package of the user's.
enum ScaffoldDestination {
  /// The repository root, holding `Templates/` and `Packages/`: the component goes in NNLayers or NNOptim.
  case repository(URL)
  /// A user's package and target, given by `--package-path` and `--target`.
  case userPackage(UserPackage)

  /// The folder the plan's paths are relative to.
  var root: URL {
    switch self {
    case .repository(let root): root
    case .userPackage(let package): package.root
    }
  }
}
