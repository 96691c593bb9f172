/// What `nn new` prints: the files with their contents for `--dry-run`, or what was done and the next steps.
enum ScaffoldReport {
  /// Every file with its path and contents, then the registration and where it goes.
  ///
  /// - Parameter plan: The checked and rendered component.
  static func dryRun(_ plan: ScaffoldPlan) -> String {
    var text = ""
    for file in plan.rendered.files {
      let action = plan.replaced.contains(file.path) ? "would replace" : "would create"
      text += "--- \(action) \(file.path)\n\(file.contents)"
      if !file.contents.hasSuffix("\n") { text += "\n" }
    }
    if let plugin = plan.rendered.plugin, plan.rendered.createsPlugin {
      text += "--- would create \(plugin.path), with the registration\n\(plugin.contents)"
      if !plugin.contents.hasSuffix("\n") { text += "\n" }
    } else if plan.rendered.plugin == nil {
      text += "--- \(plan.rendered.pluginPath) registers '\(plan.name.registryName)' already: left as it is\n"
    } else {
      text += "--- would insert into \(plan.rendered.pluginPath), before \(RenderedComponent.endMarker)\n"
      text += plan.rendered.registration + "\n"
    }
    text += honesty(plan) + "\n"
    text += "dry run: nothing written\n"
    return text
  }

  /// The files written, the registration, what the component computes until replaced, and the commands to build,
  /// test and try it.
  ///
  /// - Parameter plan: The component just written.
  static func done(_ plan: ScaffoldPlan) -> String {
    var lines: [String] = []
    for file in plan.rendered.files {
      lines.append("\(plan.replaced.contains(file.path) ? "replaced" : "created") \(file.path)")
    }
    if plan.rendered.createsPlugin {
      lines.append(
        "created \(plan.rendered.pluginPath), the plugin of \(plan.package), with the registration markers")
    }
    if plan.rendered.plugin == nil {
      lines.append("kept the registration of '\(plan.name.registryName)' in \(plan.rendered.pluginPath)")
    } else {
      lines.append(
        "registered \(plan.kind.rawValue) '\(plan.name.registryName)' in \(plan.rendered.pluginPath):")
      lines.append(plan.rendered.registration)
    }
    lines.append("")
    lines.append(honesty(plan))
    lines.append("")
    switch plan.destination {
    case .repository:
      lines.append("next steps:")
      lines.append("  swift build")
      lines.append("  swift test --filter '\(plan.name.typeName)Tests|ConformanceTests'")
      if let tryIt = plan.tryIt { lines.append("  \(tryIt)") }
    case .userPackage(let user):
      lines.append("next steps, in \(user.root.path):")
      let manifest = user.manifestText
      if !manifest.contains("\"NNLayers\"") {
        lines.append("  make the target \(user.target) depend on nn in Package.swift:")
        lines.append("    .product(name: \"NNCore\", package: \"nn\"), .product(name: \"NNLayers\", package: \"nn\")")
      }
      if plan.createsTestFolder, !manifest.contains("\"\(user.testTarget)\"") {
        lines.append("  declare the test target in Package.swift (\(user.testFolder) is new):")
        lines += testTarget(user).map { "    " + $0 }
      }
      lines.append("  swift build")
      lines.append("  swift test --filter \(plan.name.typeName)Tests")
      lines.append(
        "  build a registry with it: Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, "
          + "\(user.pluginType).self])")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Two lines saying that the component computes the template's example until its user replaces it.
  ///
  /// - Parameter plan: The component.
  static func honesty(_ plan: ScaffoldPlan) -> String {
    let example = plan.example
    return "\(plan.name.typeName) computes the template's example \(example.formula) until you replace "
      + "\(example.replace)\nwith its own formula, and its summary, doc comment and test: until then "
      + "'\(plan.name.registryName)' names that example."
  }

  /// The `.testTarget(…)` declaration of a user's package's test target, in lines.
  ///
  /// - Parameter user: The package.
  static func testTarget(_ user: UserPackage) -> [String] {
    [
      ".testTarget(",
      "  name: \"\(user.testTarget)\",",
      "  dependencies: [",
      "    \"\(user.target)\",",
      "    .product(name: \"NNCore\", package: \"nn\"),",
      "    .product(name: \"NNLayers\", package: \"nn\"),",
      "    .product(name: \"NNOptim\", package: \"nn\"),",
      "  ]",
      "),",
    ]
  }
}
