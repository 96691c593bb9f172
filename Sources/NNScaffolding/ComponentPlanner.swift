import Foundation
import NNCore

/// Checks a request for a new component against the templates, the registry and the destination, and renders it.
///
/// Nothing is written here: ``plan(kind:name:package:parameters:force:)`` returns a ``ScaffoldPlan`` whose
/// ``ScaffoldPlan/write()`` writes it all or nothing.
struct ComponentPlanner {
  /// The destination, templates and taken names.
  let context: ScaffoldContext

  /// The folder holding one template folder per kind.
  var templates: URL { context.templates }
  /// Where the component goes.
  var destination: ResolvedDestination { context.destination }
  /// The folder the plan's paths are relative to.
  var root: URL { destination.root }

  /// Checks everything and renders the component; writes nothing.
  ///
  /// - Parameters:
  ///   - kind: The component kind.
  ///   - name: The type name.
  ///   - package: The `--package` value, or `nil` for the template's default (in this repository only).
  ///   - parameters: The `--param` values.
  ///   - force: Whether existing scaffolded files may be replaced.
  /// - Throws: ``ScaffoldingError`` naming the first problem found.
  func plan(kind: ComponentKind, name: ComponentName, package: String?, parameters: [String], force: Bool) throws
    -> ScaffoldPlan
  {
    let folder = templates.appendingPathComponent(kind.rawValue)
    let manifest = try TemplateManifest.load(from: folder)
    var values: [String: Any] = [
      "typeName": name.typeName, "registryName": name.registryName, "kind": kind.rawValue,
      "protocol": manifest.protocol, "defaults": try manifest.literals(given: parameters, kind: kind),
      "example": ["formula": manifest.example.formula, "replace": manifest.example.replace],
    ]
    let layout: TemplateManifest.Layout
    let newPlugin: RenderedComponent.NewPlugin?
    let packageName: String
    switch destination {
    case .repository:
      packageName = package ?? manifest.defaultPackage
      guard let componentFolder = manifest.folders[packageName] else {
        let accepted = manifest.folders.keys.sorted().joined(separator: ", ")
        throw ScaffoldingError.invalidRequest(
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
        throw ScaffoldingError.malformedInput(
          "the \(kind.rawValue) template's manifest has no \"userPackage\" layout: it writes only into nn itself")
      }
      if let stray = user.strayPlugin() {
        throw ScaffoldingError.malformedInput(
          "\(stray) holds the plugin of \(user.target) (its markers or \(user.pluginType)), but nn new "
            + "writes registrations into \(user.pluginPath): move the plugin there")
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
      newPlugin = RenderedComponent.NewPlugin(
        template: templates.appendingPathComponent("plugin/Plugin.swift.mustache"), pluginType: user.pluginType)
    }
    let plan = try RenderedComponent(layout: layout, folder: folder, values: values, root: root, newPlugin: newPlugin)
    let existing = plan.files.map(\.path).filter { FileManager.default.fileExists(atPath: url($0).path) }
    let alreadyRegistered = plan.plugin == nil
    let scaffolded = alreadyRegistered && existing.contains(plan.files[0].path)
    if !scaffolded { try checkFree(name, kind: kind, plan: plan) }
    if !force, let first = existing.first {
      throw ScaffoldingError.cannotCreate("\(first) exists already; pass --force to replace it")
    }
    if !force, alreadyRegistered {
      throw ScaffoldingError.cannotCreate(
        "'\(name.registryName)' is registered in \(plan.pluginPath) already; pass --force to replace its files")
    }
    var tryIt: String? = nil
    var createsTestFolder = false
    switch destination {
    case .repository:
      tryIt = manifest.nextStep.map {
        (try? TemplateText.render(text: $0, values: values, origin: "nextStep")) ?? $0
      }
    case .userPackage(let user):
      createsTestFolder = !user.hasTestFolder
    }
    return ScaffoldPlan(
      name: name, kind: kind, package: packageName, destination: destination, rendered: plan, replaced: existing,
      tryIt: tryIt, example: manifest.example, createsTestFolder: createsTestFolder)
  }

  /// Refuses a registry name or type name that is taken. Not called for a component `nn new` made before (its
  /// source exists and its registration line is in the plugin file): `--force` replaces that one.
  private func checkFree(_ name: ComponentName, kind: ComponentKind, plan: RenderedComponent) throws {
    if let clash = context.taken.clash(name, kind: kind) {
      throw ScaffoldingError.invalidRequest(TakenNames.message(clash, name))
    }
    let pluginText = (try? String(contentsOf: url(plan.pluginPath), encoding: .utf8)) ?? ""
    if plan.plugin != nil, pluginText.contains("\"\(name.registryName)\"") {
      throw ScaffoldingError.invalidRequest(TakenNames.message(.registeredIn(plan.pluginPath), name))
    }
  }

  private func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}
