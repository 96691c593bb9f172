import Foundation

/// Builds an SVG document element by element; every text and attribute value is XML-escaped.
struct SVGWriter {
  /// The document's width in user units.
  let width: Double
  /// The document's height in user units.
  let height: Double
  /// The elements written so far, one a line.
  private var lines: [String] = []

  /// An empty document of the given size.
  ///
  /// - Parameters:
  ///   - width: The width in user units.
  ///   - height: The height in user units.
  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Writes one element.
  ///
  /// - Parameters:
  ///   - name: The element name, e.g. `line`.
  ///   - attributes: Name and value pairs, in order.
  ///   - more: Further pairs written after `attributes`, e.g. ones that only some elements have.
  ///   - text: The element's text content, or nil for an empty element.
  mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String>, more: KeyValuePairs<String, String> = [:],
    text: String? = nil
  ) {
    let attributeText = (Array(attributes) + Array(more)).map { " \($0.key)=\"\(Self.escaped($0.value))\"" }
      .joined()
    if let text {
      lines.append("<\(name)\(attributeText)>\(Self.escaped(text))</\(name)>")
    } else {
      lines.append("<\(name)\(attributeText)/>")
    }
  }

  /// Opens a group (`<g>`); close it with `closeGroup()`.
  ///
  /// - Parameters:
  ///   - attributes: The group's attributes, inherited by its children.
  mutating func openGroup(_ attributes: KeyValuePairs<String, String>) {
    lines.append("<g" + attributes.map { " \($0.key)=\"\(Self.escaped($0.value))\"" }.joined() + ">")
  }

  /// Closes the last group opened.
  mutating func closeGroup() { lines.append("</g>") }

  /// Writes raw, already well-formed markup.
  ///
  /// - Parameters:
  ///   - markup: The markup.
  mutating func raw(_ markup: String) { lines.append(markup) }

  /// The whole document, with an XML declaration, a `viewBox` so that it scales, a white background,
  /// and a sans-serif font.
  ///
  /// - Parameters:
  ///   - title: The document title, shown by viewers as a tooltip or tab name.
  func document(title: String) -> String {
    let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
    let header = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \(size) "
        + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
        + "font-family=\"Helvetica, Arial, 'DejaVu Sans', sans-serif\" font-size=\"12\">",
      "<title>\(Self.escaped(title))</title>",
      "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>",
    ]
    return (header + lines + ["</svg>"]).joined(separator: "\n") + "\n"
  }

  /// `text` with the five XML special characters replaced by entities.
  ///
  /// - Parameters:
  ///   - text: Any text.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default:
        let isControl = character.unicodeScalars.allSatisfy { $0.value < 0x20 && $0 != "\t" && $0 != "\n" }
        result += isControl ? " " : String(character)
      }
    }
    return result
  }

  /// A coordinate with at most one decimal: `12.5`, `40`.
  ///
  /// - Parameters:
  ///   - value: A coordinate in user units.
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() && abs(rounded) < 1e9 { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
  }
}
