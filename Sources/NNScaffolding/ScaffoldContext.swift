import Foundation
import NNCore

/// A ``ScaffoldDestination`` resolved against the file system: where the component goes, the templates it is
/// rendered from, and the names already taken there.
struct ScaffoldContext {
  /// Where the component goes.
  let destination: ResolvedDestination
  /// The folder holding one template folder per kind: a checkout's `Templates/` or the bundled copy.
  let templates: URL
  /// The names the new component must not take.
  let taken: TakenNames

  /// Finds the checkout or the user's package and target, and the templates.
  ///
  /// - Parameters:
  ///   - destination: Where the component goes, as requested.
  ///   - registry: The components known already, whose names are taken.
  ///   - current: The folder relative paths start from, and the search for a checkout of nn.
  /// - Throws: ``ScaffoldingError`` when the checkout, package, target or templates cannot be found.
  init(resolving destination: ScaffoldDestination, registry: Registry, from current: URL) throws {
    switch destination {
    case .userPackage(let path, let target, let checkout):
      let user = try UserPackage.find(path: path, target: target, from: current)
      let explicit = try checkout.map { try RepositoryRoot.find(explicit: $0, from: current) }
      templates = try TemplateSource.folder(checkout: explicit ?? RepositoryRoot.nearest(from: current))
      self.destination = .userPackage(user)
      taken = TakenNames(
        registry: registry, registeredNames: user.registeredNames(),
        sourceFolders: [
          user.root.appendingPathComponent("Sources"),
          user.root.appendingPathComponent(".build/checkouts/nn/Packages"),
        ],
        base: user.root)
    case .repository(let checkout, _):
      let repository = try RepositoryRoot.find(explicit: checkout, from: current)
      templates = repository.appendingPathComponent("Templates")
      self.destination = .repository(repository)
      taken = TakenNames(
        registry: registry, registeredNames: [:],
        sourceFolders: [repository.appendingPathComponent("Packages")], base: repository)
    }
  }
}
