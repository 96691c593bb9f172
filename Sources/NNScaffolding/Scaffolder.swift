import Foundation
@_spi(Internals) import NNCore

/// A request for a new component, rendered from the templates into a checkout of nn or a package of your own: what
/// `nn new` does.
///
/// ``plan(registry:workingDirectory:)`` checks everything and renders every file without writing anything (what
/// `nn new --dry-run` shows); ``ScaffoldPlan/write()`` then writes them all or nothing.
///
/// ```swift
/// let scaffolder = Scaffolder(
///   kind: .activation, typeName: "Mish", destination: .userPackage(path: "MyModels"))
/// let plan = try scaffolder.plan(registry: try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self]))
/// try plan.write()
/// print(plan.report, terminator: "")
/// ```
public struct Scaffolder: Equatable, Sendable {
  /// The kind of component.
  public var kind: ComponentKind
  /// The Swift type name, UpperCamelCase (`SoftGate`); the registry name is its lower_snake form (`soft_gate`).
  public var typeName: String
  /// Where the component goes.
  public var destination: ScaffoldDestination
  /// Defaults of the template's parameters in the generated code, each as `name=value` (`beta=1.5`).
  public var parameters: [String]
  /// Whether the files of a component scaffolded before may be replaced (its registration is not added twice).
  public var replacesExisting: Bool

  /// A request for a component.
  ///
  /// - Parameters:
  ///   - kind: The kind of component.
  ///   - typeName: The Swift type name, UpperCamelCase.
  ///   - destination: Where the component goes.
  ///   - parameters: Defaults of the template's parameters, each as `name=value`.
  ///   - replacesExisting: Whether the files of a component scaffolded before may be replaced.
  public init(
    kind: ComponentKind, typeName: String, destination: ScaffoldDestination, parameters: [String] = [],
    replacesExisting: Bool = false
  ) {
    self.kind = kind
    self.typeName = typeName
    self.destination = destination
    self.parameters = parameters
    self.replacesExisting = replacesExisting
  }

  /// The kind named `text`, singular or plural (`activation` or `activations`).
  ///
  /// - Parameter text: The name of a kind.
  /// - Returns: The kind.
  /// - Throws: ``ScaffoldingError`` (invalid request) listing the kinds, with the closest one.
  public static func kind(named text: String) throws -> ComponentKind {
    let kinds = ComponentKind.allCases
    if let kind = kinds.first(where: { $0.rawValue == text || $0.plural == text }) { return kind }
    let names = kinds.map(\.rawValue)
    let hint = NameSuggestion.closest(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    throw ScaffoldingError.invalidRequest("unknown kind '\(text)'\(hint); kinds: \(names.joined(separator: ", "))")
  }

  /// Checks the request against the destination, the templates and the names taken, and renders every file;
  /// writes nothing.
  ///
  /// - Parameters:
  ///   - registry: The components already known, whose registry names the new one must not take (for `nn new`:
  ///     NNLayers' and NNOptim's).
  ///   - workingDirectory: The folder relative paths start from, and where the search for a checkout of nn
  ///     begins; the process's current directory by default.
  /// - Returns: The files to write, and what to report.
  /// - Throws: ``ScaffoldingError`` naming the first problem found: an invalid or taken name, a missing
  ///   destination or template, a malformed template or plugin file, a file that exists already.
  public func plan(
    registry: Registry, workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  ) throws -> ScaffoldPlan {
    let current = URL(fileURLWithPath: workingDirectory.path, isDirectory: true)
    let context = try ScaffoldContext(resolving: destination, registry: registry, from: current)
    let name = try ComponentName(typeName) { candidate in
      context.taken.clash(candidate, kind: kind).map { TakenNames.reason($0, candidate) }
    }
    let package: String? =
      switch destination {
      case .repository(_, let package): package
      case .userPackage: nil
      }
    return try ComponentPlanner(context: context).plan(
      kind: kind, name: name, package: package, parameters: parameters, force: replacesExisting)
  }
}
