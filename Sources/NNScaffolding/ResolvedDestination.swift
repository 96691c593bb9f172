import Foundation

/// A ``ScaffoldDestination`` found on disk: the checkout of nn written into, or the user's package and target.
enum ResolvedDestination: Sendable {
  /// The repository root, holding `Templates/` and `Packages/`: the component goes in NNLayers or NNOptim.
  case repository(URL)
  /// A user's package and target.
  case userPackage(UserPackage)

  /// The folder the plan's paths are relative to.
  var root: URL {
    switch self {
    case .repository(let root): root
    case .userPackage(let package): package.root
    }
  }
}
