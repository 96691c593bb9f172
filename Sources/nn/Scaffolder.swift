import Foundation
@_spi(Internals) import NNCore

/// Checks a request for a new component against the templates, the registry and the destination, and renders it.
///
/// Nothing is written here: ``plan(kind:name:package:parameters:force:)`` returns a ``ScaffoldPlan`` that
/// ``ScaffoldWriter`` writes all or nothing.
struct Scaffolder {
  /// The folder holding one template folder per kind: a checkout's `Templates/` or the bundled copy.
  let templates: URL
  /// Where the component goes.
  let destination: ScaffoldDestination
  /// The names already taken, which the new name must not clash with.
  let taken: TakenNames

  /// The folder the plan's paths are relative to.
  var root: URL { destination.root }

  /// What ``plan(kind:name:package:parameters:force:)`` decided, with the rendered files.
  struct Outcome {
    /// The component's names.
    let name: ComponentName
    /// Its kind.
    let kind: ComponentKind
    /// The package it goes in (in a user's package: the target).
    let package: String
    /// Where it goes.
    let destination: ScaffoldDestination
    /// The rendered files and registration.
    let plan: ScaffoldPlan
    /// The files that exist already and will be replaced (only with `--force`).
    let replaced: [String]
    /// The command that tries the new component, from the manifest's `nextStep` (in this repository only).
    let tryIt: String?
    /// The formula the component computes until its user replaces it.
    let example: TemplateManifest.Example
    /// In a user's package: whether the test folder is new, so the test target must be declared.
    let createsTestFolder: Bool
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
  ///   - package: The `--package` value, or `nil` for the template's default (in this repository only).
  ///   - parameters: The `--param` values.
  ///   - force: Whether existing scaffolded files may be replaced.
  /// - Throws: ``ScaffoldFailure`` with the status of the first problem found.
  func plan(kind: ComponentKind, name: ComponentName, package: String?, parameters: [String], force: Bool) throws
    -> Outcome
  {
    let folder = templates.appendingPathComponent(kind.rawValue)
    let manifest = try TemplateManifest.load(from: folder)
    var values: [String: Any] = [
      "typeName": name.typeName, "registryName": name.registryName, "kind": kind.rawValue,
      "protocol": manifest.protocol, "defaults": try defaults(manifest: manifest, given: parameters, kind: kind),
      "example": ["formula": manifest.example.formula, "replace": manifest.example.replace],
    ]
    let layout: TemplateManifest.Layout
    let newPlugin: ScaffoldPlan.NewPlugin?
    let packageName: String
    switch destination {
    case .repository:
      packageName = package ?? manifest.defaultPackage
      guard let componentFolder = manifest.folders[packageName] else {
        let accepted = manifest.folders.keys.sorted().joined(separator: ", ")
        throw ScaffoldFailure.usage(
          "unknown package '\(packageName)' for the \(kind.rawValue) template; accepted: \(accepted)")
      }
      values["package"] = packageName
      values["pluginType"] = "\(packageName)Plugin"
      values["folder"] = componentFolder
      values["userPackage"] = false
      values["imports"] = ["NNCore"]
      values["testImports"] = Set(["NNCore", packageName, "Testing"]).sorted()
      layout = manifest.repositoryLayout
      newPlugin = nil
    case .userPackage(let user):
      guard let userLayout = manifest.userPackage else {
        throw ScaffoldFailure.badTemplate(
          "the \(kind.rawValue) template's manifest has no \"userPackage\" layout: it writes only into nn itself")
      }
      if let stray = user.strayPlugin() {
        throw ScaffoldFailure(
          message: "\(stray) holds the plugin of \(user.target) (its markers or \(user.pluginType)), but nn new "
            + "writes registrations into \(user.pluginPath): move the plugin there",
          status: 65)
      }
      packageName = user.target
      values["package"] = user.target
      values["target"] = user.target
      values["pluginType"] = user.pluginType
      values["folder"] = "Sources/\(user.target)"
      values["userPackage"] = true
      values["imports"] = ["NNCore", "NNLayers"]
      values["testImports"] = Set(["NNCore", "NNLayers", "NNOptim", user.target, "Testing"]).sorted()
      layout = userLayout
      newPlugin = ScaffoldPlan.NewPlugin(
        template: templates.appendingPathComponent("plugin/Plugin.swift.mustache"), pluginType: user.pluginType)
    }
    let plan = try ScaffoldPlan(layout: layout, folder: folder, values: values, root: root, newPlugin: newPlugin)
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
    var tryIt: String? = nil
    var createsTestFolder = false
    switch destination {
    case .repository:
      tryIt = manifest.nextStep.map {
        (try? ScaffoldPlan.render(text: $0, values: values, origin: "nextStep")) ?? $0
      }
    case .userPackage(let user):
      createsTestFolder = !user.hasTestFolder
    }
    return Outcome(
      name: name, kind: kind, package: packageName, destination: destination, plan: plan, replaced: existing,
      tryIt: tryIt, example: manifest.example, createsTestFolder: createsTestFolder)
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
    if let clash = taken.clash(name, kind: kind) {
      throw ScaffoldFailure.usage(TakenNames.message(clash, name))
    }
    let pluginText = (try? String(contentsOf: url(plan.pluginPath), encoding: .utf8)) ?? ""
    if plan.plugin != nil, pluginText.contains("\"\(name.registryName)\"") {
      throw ScaffoldFailure.usage(TakenNames.message(.registeredIn(plan.pluginPath), name))
    }
  }

  private func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}
