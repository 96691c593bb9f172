import Foundation

/// A Swift package of the user's that `nn new --package-path` writes into, and the target in it.
///
/// The layout is SwiftPM's default: the target's sources in `Sources/<target>/`, its tests in `Tests/<target>Tests/`,
/// and its plugin, the enum `<target>Plugin` registering its components, in `Sources/<target>/<target>Plugin.swift`.
struct UserPackage: Sendable {
  /// The package folder, holding `Package.swift`.
  let root: URL
  /// The target the component goes in: a folder under `Sources/`.
  let target: String

  /// The plugin type, `<target>Plugin`.
  var pluginType: String { "\(target)Plugin" }
  /// The plugin file, relative to the package.
  var pluginPath: String { "Sources/\(target)/\(pluginType).swift" }
  /// The test target's name, `<target>Tests`.
  var testTarget: String { "\(target)Tests" }
  /// The test folder, relative to the package.
  var testFolder: String { "Tests/\(testTarget)" }

  /// The package at `path` and its target.
  ///
  /// - Parameters:
  ///   - path: The `--package-path` value, relative to `current` or absolute.
  ///   - target: The `--target` value, or `nil` for the only folder under `Sources/` (or the only one without a
  ///     `main.swift`, the package's only library target).
  ///   - current: The current folder.
  /// - Throws: ``ScaffoldingError``: missing input (66) when there is no `Package.swift`; usage (64) when the target
  ///   is missing, not a Swift identifier, or not given and not the only one (or only library).
  static func find(path: String, target: String?, from current: URL) throws -> UserPackage {
    let root = URL(fileURLWithPath: path, relativeTo: current).standardizedFileURL
    let manager = FileManager.default
    guard manager.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
      throw ScaffoldingError.missingInput(
        "--package-path \(path): no Package.swift in \(root.path); nn new writes into a Swift package")
    }
    let sources = root.appendingPathComponent("Sources")
    let folders = ((try? manager.contentsOfDirectory(atPath: sources.path)) ?? [])
      .filter { !$0.hasPrefix(".") && isFolder(sources.appendingPathComponent($0)) }.sorted()
    let chosen: String
    if let target {
      guard folders.contains(target) else {
        let known = folders.isEmpty ? "it has none" : "its targets: \(folders.joined(separator: ", "))"
        throw ScaffoldingError.invalidRequest(
          "--target \(target): no folder Sources/\(target) in \(root.path); \(known)")
      }
      chosen = target
    } else {
      // An executable target (one holding main.swift) is no home for components: the library targets are.
      let libraries = folders.filter {
        !manager.fileExists(atPath: sources.appendingPathComponent($0).appendingPathComponent("main.swift").path)
      }
      let candidates = libraries.count == 1 ? libraries : folders
      guard candidates.count == 1, let only = candidates.first else {
        if folders.isEmpty {
          throw ScaffoldingError.invalidRequest(
            "\(root.path) has no target folder under Sources/; create Sources/<Target>/ and declare the target")
        }
        throw ScaffoldingError.invalidRequest(
          "\(root.path) has several targets under Sources/ (\(folders.joined(separator: ", "))); "
            + "pass --target with one of them")
      }
      chosen = only
    }
    guard isIdentifier(chosen) else {
      throw ScaffoldingError.invalidRequest(
        "the target '\(chosen)' is not a Swift identifier (letters, digits and _), so it cannot name "
          + "\(chosen)Plugin; choose a target whose folder name is one")
    }
    return UserPackage(root: root, target: chosen)
  }

  /// The text of `Package.swift`, or empty when it cannot be read.
  var manifestText: String {
    (try? String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
  }

  /// Whether the test folder exists.
  var hasTestFolder: Bool { UserPackage.isFolder(root.appendingPathComponent(testFolder)) }

  /// The registry names the plugin file registers: each `name: "…"` and, for each `Type.entry`, the lower_snake form
  /// of `Type`, with the plugin file's path; empty when there is no plugin file.
  func registeredNames() -> [String: String] {
    guard let text = try? String(contentsOf: root.appendingPathComponent(pluginPath), encoding: .utf8) else {
      return [:]
    }
    var names: [String: String] = [:]
    for name in UserPackage.matches(of: #"name:\s*"([a-z][a-z0-9_]*)""#, in: text) { names[name] = pluginPath }
    for type in UserPackage.matches(of: #"([A-Z][A-Za-z0-9]*)\.entry\b"#, in: text) {
      names[ComponentName.lowerSnake(type)] = pluginPath
    }
    return names
  }

  /// When the plugin file does not exist: another file of the target that holds the registration markers or
  /// declares the plugin type, which `nn new` would otherwise duplicate.
  func strayPlugin() -> String? {
    guard !FileManager.default.fileExists(atPath: root.appendingPathComponent(pluginPath).path) else { return nil }
    let folder = root.appendingPathComponent("Sources/\(target)")
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
      return nil
    }
    let declaration = #"(enum|struct|class)\s+\#(pluginType)\b"#
    for case let file as URL in enumerator where file.pathExtension == "swift" {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      if text.contains(RenderedComponent.beginMarker) || !UserPackage.matches(of: declaration, in: text).isEmpty {
        return String(file.standardizedFileURL.path.dropFirst(root.path.count + 1))
      }
    }
    return nil
  }

  /// The first capture group (or the whole match) of every match of `pattern` in `text`.
  static func matches(of pattern: String, in text: String) -> [String] {
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
    return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
      let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
      return Range(range, in: text).map { String(text[$0]) }
    }
  }

  /// Whether `text` is an ASCII Swift identifier: a letter or `_`, then letters, digits and `_`.
  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
    return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }

  static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
