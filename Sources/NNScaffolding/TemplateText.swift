import Foundation
import Mustache

/// Renders the Mustache text of templates and manifest paths as plain text, and checks the paths it renders.
enum TemplateText {
  /// Renders a Mustache file as plain text.
  ///
  /// - Parameters:
  ///   - file: The template file.
  ///   - values: The rendering context.
  static func render(file: URL, values: [String: Any]) throws -> String {
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw ScaffoldingError.missingInput("missing template file \(file.path)")
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
      throw ScaffoldingError.malformedInput("cannot parse the Mustache template \(origin): \(error)")
    }
  }

  /// `path` when it is a safe path relative to the repository root: not absolute, no `..`, not empty.
  ///
  /// - Parameter path: A rendered manifest path.
  static func relativePath(_ path: String) throws -> String {
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    guard !path.isEmpty, !path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0.isEmpty }) else {
      throw ScaffoldingError.malformedInput("the template names the unsafe path '\(path)'")
    }
    return path
  }
}
