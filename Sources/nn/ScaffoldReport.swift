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
    if outcome.plan.plugin == nil {
      text += "--- \(outcome.plan.pluginPath) registers '\(outcome.name.registryName)' already: left as it is\n"
    } else {
      text += "--- would insert into \(outcome.plan.pluginPath), before \(ScaffoldPlan.endMarker)\n"
      text += outcome.plan.registration + "\n"
    }
    text += "dry run: nothing written\n"
    return text
  }

  /// The files written, the registration, and the commands to build, test and try the component.
  ///
  /// - Parameter outcome: The component just written.
  static func done(_ outcome: Scaffolder.Outcome) -> String {
    var lines: [String] = []
    for file in outcome.plan.files {
      lines.append("\(outcome.replaced.contains(file.path) ? "replaced" : "created") \(file.path)")
    }
    if outcome.plan.plugin == nil {
      lines.append("kept the registration of '\(outcome.name.registryName)' in \(outcome.plan.pluginPath)")
    } else {
      lines.append(
        "registered \(outcome.kind.rawValue) '\(outcome.name.registryName)' in \(outcome.plan.pluginPath):")
      lines.append(outcome.plan.registration)
    }
    lines.append("")
    lines.append("next steps:")
    lines.append("  swift build")
    lines.append("  swift test --filter '\(outcome.name.typeName)Tests|ConformanceTests'")
    if let tryIt = outcome.tryIt { lines.append("  \(tryIt)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
