import Foundation
import Mustache

/// Everything `nn new` will write, rendered before anything is written: the new files and the plugin file with the
/// registration inserted.
struct ScaffoldPlan {
  /// A file to write: where, relative to the repository root, and its text.
  struct File: Equatable {
    /// The path relative to the repository root.
    let path: String
    /// The full text.
    let contents: String
  }

  /// The marker line after which registrations begin.
  static let beginMarker = "// nn:registrations:begin"
  /// The marker line before which new registrations are inserted.
  static let endMarker = "// nn:registrations:end"

  /// How to make the plugin file when it does not exist yet, in a user's package.
  struct NewPlugin {
    /// The Mustache file of a plugin holding the markers and no registration (`Templates/plugin/…`).
    let template: URL
    /// The plugin type, named when an existing plugin file lacks the markers.
    let pluginType: String
  }

  /// The component's source and test.
  let files: [File]
  /// The plugin file with the registration inserted, or `nil` when it is there already.
  let plugin: File?
  /// The plugin file's path relative to the root written into.
  let pluginPath: String
  /// The registration lines, indented as inserted.
  let registration: String
  /// Whether the plugin file is new: made from ``NewPlugin/template``.
  let createsPlugin: Bool

  /// Renders the template in `folder` with `values`.
  ///
  /// - Parameters:
  ///   - layout: The files and registration to render: the manifest's, or its `userPackage` layout.
  ///   - folder: The template folder, `Templates/<kind>`.
  ///   - values: The rendering context: `typeName`, `registryName`, `package`, `folder`, `defaults`, ….
  ///   - root: The repository root or the user's package, to read the plugin file.
  ///   - newPlugin: How to make a missing plugin file, or `nil` when it must exist (in this repository).
  /// - Throws: ``ScaffoldFailure`` for a missing or malformed template file, an unsafe path, a missing plugin file
  ///   (without `newPlugin`) or a plugin file without markers.
  init(layout: TemplateManifest.Layout, folder: URL, values: [String: Any], root: URL, newPlugin: NewPlugin? = nil)
    throws
  {
    files = try layout.files.map { file in
      let path = try ScaffoldPlan.relativePath(ScaffoldPlan.render(text: file.path, values: values, origin: "a path"))
      let contents = try ScaffoldPlan.render(file: folder.appendingPathComponent(file.template), values: values)
      return File(path: path, contents: contents)
    }
    let pluginPath = try ScaffoldPlan.relativePath(
      ScaffoldPlan.render(text: layout.registration.file, values: values, origin: "a path"))
    self.pluginPath = pluginPath
    let snippet = try ScaffoldPlan.render(
      file: folder.appendingPathComponent(layout.registration.template), values: values)
    let pluginURL = root.appendingPathComponent(pluginPath)
    let original: String
    if let data = FileManager.default.contents(atPath: pluginURL.path) {
      original = String(decoding: data, as: UTF8.self)
      createsPlugin = false
    } else if let newPlugin, !FileManager.default.fileExists(atPath: pluginURL.path) {
      original = try ScaffoldPlan.render(file: newPlugin.template, values: values)
      createsPlugin = true
    } else {
      throw ScaffoldFailure.missingInput("cannot read the plugin file \(pluginPath)")
    }
    let inserted: (String?, String)
    do {
      inserted = try ScaffoldPlan.inserting(snippet, into: original, pluginPath)
    } catch is ScaffoldFailure where newPlugin != nil && !createsPlugin {
      let pluginType = newPlugin?.pluginType ?? "the plugin"
      throw ScaffoldFailure(
        message: "\(pluginPath) has no registration markers, and nn new does not add them itself: put the lines "
          + "'\(ScaffoldPlan.beginMarker)' and '\(ScaffoldPlan.endMarker)', in that order, inside "
          + "\(pluginType).register(in:) where new registrations should go",
        status: 65)
    }
    registration = inserted.1
    plugin = inserted.0.map { File(path: pluginPath, contents: $0) }
  }

  /// `text` with `snippet` inserted before the end marker at the marker's indentation, or `nil` text when the
  /// snippet is there already; and the indented snippet.
  ///
  /// - Parameters:
  ///   - snippet: The registration lines.
  ///   - text: The plugin file.
  ///   - path: The plugin file's path, for messages.
  static func inserting(_ snippet: String, into text: String, _ path: String) throws -> (String?, String) {
    var lines = text.components(separatedBy: "\n")
    let trimmed = lines.map { $0.trimmingCharacters(in: .whitespaces) }
    guard let begin = trimmed.firstIndex(of: beginMarker),
      let end = trimmed.firstIndex(of: endMarker), begin < end
    else {
      throw ScaffoldFailure.badTemplate("\(path) lacks the lines '\(beginMarker)' and '\(endMarker)', in that order")
    }
    let indentation = String(lines[end].prefix { $0 == " " || $0 == "\t" })
    let snippetLines = snippet.split(separator: "\n", omittingEmptySubsequences: true)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let indented = snippetLines.map { indentation + $0 }
    let registered = trimmed[(begin + 1)..<end]
    if let first = snippetLines.first, registered.contains(first) {
      return (nil, indented.joined(separator: "\n"))
    }
    lines.insert(contentsOf: indented, at: end)
    return (lines.joined(separator: "\n"), indented.joined(separator: "\n"))
  }

  /// Renders a Mustache file as plain text.
  ///
  /// - Parameters:
  ///   - file: The template file.
  ///   - values: The rendering context.
  static func render(file: URL, values: [String: Any]) throws -> String {
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw ScaffoldFailure.missingInput("missing template file \(file.path)")
    }
    return try render(text: String(decoding: data, as: UTF8.self), values: values, origin: file.path)
  }

  /// Renders Mustache `text` as plain text: no HTML escaping, whatever its own pragmas say.
  ///
  /// - Parameters:
  ///   - text: The template.
  ///   - values: The rendering context.
  ///   - origin: Where the text comes from, for messages.
  static func render(text: String, values: [String: Any], origin: String) throws -> String {
    do {
      let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + text)
      return template.render(values)
    } catch {
      throw ScaffoldFailure.badTemplate("cannot parse the Mustache template \(origin): \(error)")
    }
  }

  /// `path` when it is a safe path relative to the repository root: not absolute, no `..`, not empty.
  ///
  /// - Parameter path: A rendered manifest path.
  static func relativePath(_ path: String) throws -> String {
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    guard !path.isEmpty, !path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0.isEmpty }) else {
      throw ScaffoldFailure.badTemplate("the template names the unsafe path '\(path)'")
    }
    return path
  }
}
