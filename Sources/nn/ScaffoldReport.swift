/// What `nn new` prints: the files with their contents for `--dry-run`, or what was done and the next steps.
enum ScaffoldReport {
  /// Every file with its path and contents, then the registration and where it goes.
  ///
  /// - Parameter outcome: The checked and rendered component.
  static func dryRun(_ outcome: Scaffolder.Outcome) -> String {
    var text = ""
    for file in outcome.plan.files {
      let action = outcome.replaced.contains(file.path) ? "would replace" : "would create"
      text += "--- \(action) \(file.path)\n\(file.contents)"
      if !file.contents.hasSuffix("\n") { text += "\n" }
    }
    if let plugin = outcome.plan.plugin, outcome.plan.createsPlugin {
      text += "--- would create \(plugin.path), with the registration\n\(plugin.contents)"
      if !plugin.contents.hasSuffix("\n") { text += "\n" }
    } else if outcome.plan.plugin == nil {
      text += "--- \(outcome.plan.pluginPath) registers '\(outcome.name.registryName)' already: left as it is\n"
    } else {
      text += "--- would insert into \(outcome.plan.pluginPath), before \(ScaffoldPlan.endMarker)\n"
      text += outcome.plan.registration + "\n"
    }
    text += honesty(outcome) + "\n"
    text += "dry run: nothing written\n"
    return text
  }

  /// The files written, the registration, what the component computes until replaced, and the commands to build,
  /// test and try it.
  ///
  /// - Parameter outcome: The component just written.
  static func done(_ outcome: Scaffolder.Outcome) -> String {
    var lines: [String] = []
    for file in outcome.plan.files {
      lines.append("\(outcome.replaced.contains(file.path) ? "replaced" : "created") \(file.path)")
    }
    if outcome.plan.createsPlugin {
      lines.append(
        "created \(outcome.plan.pluginPath), the plugin of \(outcome.package), with the registration markers")
    }
    if outcome.plan.plugin == nil {
      lines.append("kept the registration of '\(outcome.name.registryName)' in \(outcome.plan.pluginPath)")
    } else {
      lines.append(
        "registered \(outcome.kind.rawValue) '\(outcome.name.registryName)' in \(outcome.plan.pluginPath):")
      lines.append(outcome.plan.registration)
    }
    lines.append("")
    lines.append(honesty(outcome))
    lines.append("")
    switch outcome.destination {
    case .repository:
      lines.append("next steps:")
      lines.append("  swift build")
      lines.append("  swift test --filter '\(outcome.name.typeName)Tests|ConformanceTests'")
      if let tryIt = outcome.tryIt { lines.append("  \(tryIt)") }
    case .userPackage(let user):
      lines.append("next steps, in \(user.root.path):")
      let manifest = user.manifestText
      if !manifest.contains("\"NNLayers\"") {
        lines.append("  make the target \(user.target) depend on nn in Package.swift:")
        lines.append("    .product(name: \"NNCore\", package: \"nn\"), .product(name: \"NNLayers\", package: \"nn\")")
      }
      if outcome.createsTestFolder, !manifest.contains("\"\(user.testTarget)\"") {
        lines.append("  declare the test target in Package.swift (\(user.testFolder) is new):")
        lines += testTarget(user).map { "    " + $0 }
      }
      lines.append("  swift build")
      lines.append("  swift test --filter \(outcome.name.typeName)Tests")
      lines.append(
        "  build a registry with it: Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, "
          + "\(user.pluginType).self])")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Two lines saying that the component computes the template's example until its user replaces it.
  ///
  /// - Parameter outcome: The component.
  static func honesty(_ outcome: Scaffolder.Outcome) -> String {
    let example = outcome.example
    return "\(outcome.name.typeName) computes the template's example \(example.formula) until you replace "
      + "\(example.replace)\nwith its own formula, and its summary, doc comment and test: until then "
      + "'\(outcome.name.registryName)' names that example."
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
