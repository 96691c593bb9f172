import Foundation

/// Everything a component needs written, rendered before anything is written: the new files and the plugin file
/// with the registration inserted.
struct RenderedComponent: Sendable {
  /// The marker line after which registrations begin.
  static let beginMarker = "// nn:registrations:begin"
  /// The marker line before which new registrations are inserted.
  static let endMarker = "// nn:registrations:end"

  /// How to make the plugin file when it does not exist yet, in a user's package.
  struct NewPlugin: Sendable {
    /// The Mustache file of a plugin holding the markers and no registration (`Templates/plugin/…`).
    let template: URL
    /// The plugin type, named when an existing plugin file lacks the markers.
    let pluginType: String
  }

  /// The component's source and test.
  let files: [ScaffoldFile]
  /// The plugin file with the registration inserted, or `nil` when it is there already.
  let plugin: ScaffoldFile?
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
  /// - Throws: ``ScaffoldingError`` for a missing or malformed template file, an unsafe path, a missing plugin file
  ///   (without `newPlugin`) or a plugin file without markers.
  init(layout: TemplateManifest.Layout, folder: URL, values: [String: Any], root: URL, newPlugin: NewPlugin? = nil)
    throws
  {
    files = try layout.files.map { file in
      let path = try TemplateText.relativePath(TemplateText.render(text: file.path, values: values, origin: "a path"))
      let contents = try TemplateText.render(file: folder.appendingPathComponent(file.template), values: values)
      return ScaffoldFile(path: path, contents: contents)
    }
    let pluginPath = try TemplateText.relativePath(
      TemplateText.render(text: layout.registration.file, values: values, origin: "a path"))
    self.pluginPath = pluginPath
    let snippet = try TemplateText.render(
      file: folder.appendingPathComponent(layout.registration.template), values: values)
    let pluginURL = root.appendingPathComponent(pluginPath)
    let original: String
    if let data = FileManager.default.contents(atPath: pluginURL.path) {
      original = String(decoding: data, as: UTF8.self)
      createsPlugin = false
    } else if let newPlugin, !FileManager.default.fileExists(atPath: pluginURL.path) {
      original = try TemplateText.render(file: newPlugin.template, values: values)
      createsPlugin = true
    } else {
      throw ScaffoldingError.missingInput("cannot read the plugin file \(pluginPath)")
    }
    let inserted: (String?, String)
    do {
      inserted = try RenderedComponent.inserting(snippet, into: original, pluginPath)
    } catch is ScaffoldingError where newPlugin != nil && !createsPlugin {
      let pluginType = newPlugin?.pluginType ?? "the plugin"
      throw ScaffoldingError.malformedInput(
        "\(pluginPath) has no registration markers, and nn new does not add them itself: put the lines "
          + "'\(RenderedComponent.beginMarker)' and '\(RenderedComponent.endMarker)', in that order, inside "
          + "\(pluginType).register(in:) where new registrations should go")
    }
    registration = inserted.1
    plugin = inserted.0.map { ScaffoldFile(path: pluginPath, contents: $0) }
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
      throw ScaffoldingError.malformedInput(
        "\(path) lacks the lines '\(beginMarker)' and '\(endMarker)', in that order")
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
}
