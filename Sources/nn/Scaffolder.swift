import Foundation
@_spi(Internals) import NNCore

/// Checks a request for a new component against the templates, the registry and the repository, and renders it.
///
/// Nothing is written here: ``plan(kind:name:package:parameters:force:)`` returns a ``ScaffoldPlan`` that
/// ``ScaffoldWriter`` writes all or nothing.
struct Scaffolder {
  /// The repository root: the folder holding `Templates/` and `Packages/`.
  let root: URL
  /// The components already known, which the new name must not clash with.
  let registry: Registry

  /// What ``plan(kind:name:package:parameters:force:)`` decided, with the rendered files.
  struct Outcome {
    /// The component's names.
    let name: ComponentName
    /// Its kind.
    let kind: ComponentKind
    /// The package it goes in.
    let package: String
    /// The rendered files and registration.
    let plan: ScaffoldPlan
    /// The files that exist already and will be replaced (only with `--force`).
    let replaced: [String]
    /// The command that tries the new component, from the manifest's `nextStep`.
    let tryIt: String?
  }

  /// Resolves `kind` (`activation` or `activations`).
  ///
  /// - Parameter text: What the user wrote.
  /// - Throws: ``ScaffoldFailure`` (usage) listing the kinds.
  static func kind(_ text: String) throws -> ComponentKind {
    let kinds = ComponentKind.allCases
    if let kind = kinds.first(where: { $0.rawValue == text || $0.plural == text }) { return kind }
    let names = kinds.map(\.rawValue)
    let hint = NameSuggestion.closest(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    throw ScaffoldFailure.usage("unknown kind '\(text)'\(hint); kinds: \(names.joined(separator: ", "))")
  }

  /// Checks everything and renders the component; writes nothing.
  ///
  /// - Parameters:
  ///   - kind: The component kind.
  ///   - name: The type name.
  ///   - package: The `--package` value, or `nil` for the template's default.
  ///   - parameters: The `--param name=value` values.
  ///   - force: Whether existing scaffolded files may be replaced.
  /// - Throws: ``ScaffoldFailure`` with the status of the first problem found.
  func plan(kind: ComponentKind, name: ComponentName, package: String?, parameters: [String], force: Bool) throws
    -> Outcome
  {
    let folder = root.appendingPathComponent("Templates").appendingPathComponent(kind.rawValue)
    let manifest = try TemplateManifest.load(from: folder)
    let package = package ?? manifest.defaultPackage
    guard let componentFolder = manifest.folders[package] else {
      let accepted = manifest.folders.keys.sorted().joined(separator: ", ")
      throw ScaffoldFailure.usage(
        "unknown package '\(package)' for the \(kind.rawValue) template; accepted: \(accepted)")
    }
    let values: [String: Any] = [
      "typeName": name.typeName, "registryName": name.registryName, "kind": kind.rawValue, "package": package,
      "pluginType": "\(package)Plugin", "folder": componentFolder, "protocol": manifest.protocol,
      "defaults": try defaults(manifest: manifest, given: parameters, kind: kind),
    ]
    let plan = try ScaffoldPlan(manifest: manifest, folder: folder, values: values, root: root)
    let existing = plan.files.map(\.path).filter { FileManager.default.fileExists(atPath: url($0).path) }
    let alreadyRegistered = plan.plugin == nil
    let scaffolded = alreadyRegistered && existing.contains(plan.files[0].path)
    if !scaffolded { try checkFree(name, kind: kind, plan: plan) }
    if !force, let first = existing.first {
      throw ScaffoldFailure.cannotCreate("\(first) exists already; pass --force to replace it")
    }
    if !force, alreadyRegistered {
      throw ScaffoldFailure.cannotCreate(
        "'\(name.registryName)' is registered in \(plan.pluginPath) already; pass --force to replace its files")
    }
    let tryIt = manifest.nextStep.map {
      (try? ScaffoldPlan.render(text: $0, values: values, origin: "nextStep")) ?? $0
    }
    return Outcome(name: name, kind: kind, package: package, plan: plan, replaced: existing, tryIt: tryIt)
  }

  /// The Swift literal of every parameter's default: the manifest's, or the `--param` value.
  private func defaults(manifest: TemplateManifest, given: [String], kind: ComponentKind) throws -> [String: String] {
    var values: [String: String] = [:]
    for parameter in manifest.parameters { values[parameter.name] = parameter.default }
    let accepted = manifest.parameters.map(\.name)
    for assignment in given {
      guard let equals = assignment.firstIndex(of: "=") else {
        throw ScaffoldFailure.usage("--param '\(assignment)' must be name=value, as in --param \(accepted[0])=1.0")
      }
      let key = assignment[..<equals].trimmingCharacters(in: .whitespaces)
      guard accepted.contains(key) else {
        let list = accepted.isEmpty ? "it takes none" : "accepted: \(accepted.joined(separator: ", "))"
        throw ScaffoldFailure.usage("the \(kind.rawValue) template has no parameter '\(key)'; \(list)")
      }
      values[key] = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
    var literals: [String: String] = [:]
    for parameter in manifest.parameters {
      let value = values[parameter.name] ?? parameter.default
      let (literal, reason) = parameter.literal(for: value)
      guard let literal else {
        throw ScaffoldFailure.usage("invalid --param \(parameter.name)=\(value): \(reason)")
      }
      literals[parameter.name] = literal
    }
    return literals
  }

  /// Refuses a registry name or type name that is taken. Not called for a component `nn new` made before (its
  /// source exists and its registration line is in the plugin file): `--force` replaces that one.
  private func checkFree(_ name: ComponentName, kind: ComponentKind, plan: ScaffoldPlan) throws {
    let clashing: [ComponentKind] =
      switch kind {
      case .activation, .layer: [.activation, .layer]
      default: [kind]
      }
    for other in clashing where registry.names(of: other).contains(name.registryName) {
      throw ScaffoldFailure.usage(
        "the name '\(name.registryName)' (from \(name.typeName)) is taken: a registered \(other.rawValue); "
          + "choose another type name")
    }
    let pluginText = (try? String(contentsOf: url(plan.pluginPath), encoding: .utf8)) ?? ""
    if plan.plugin != nil, pluginText.contains("\"\(name.registryName)\"") {
      throw ScaffoldFailure.usage(
        "the name '\(name.registryName)' (from \(name.typeName)) is taken: \(plan.pluginPath) registers it")
    }
    if let file = declaringFile(of: name.typeName) {
      throw ScaffoldFailure.usage("the type name '\(name.typeName)' is declared already, in \(file)")
    }
  }

  /// The package source declaring a type named `typeName`, if any.
  private func declaringFile(of typeName: String) -> String? {
    let packages = root.appendingPathComponent("Packages")
    guard let enumerator = FileManager.default.enumerator(at: packages, includingPropertiesForKeys: nil) else {
      return nil
    }
    let pattern = "(^|[^A-Za-z0-9_])(struct|enum|class|protocol|actor|typealias)\\s+\(typeName)([^A-Za-z0-9_]|$)"
    guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else {
      return nil
    }
    for case let file as URL in enumerator where file.pathExtension == "swift" && file.path.contains("/Sources/") {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
        return String(file.path.dropFirst(root.path.count + 1))
      }
    }
    return nil
  }

  private func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}
