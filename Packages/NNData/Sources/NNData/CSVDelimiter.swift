/// The field separator of a CSV file.
public enum CSVDelimiter: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// `,`
  case comma = ","
  /// `;`, common where the decimal separator is a comma.
  case semicolon = ";"
  /// A tab character (TSV files).
  case tab = "\t"

  /// A delimiter from command-line text: `,` `;` or a tab, or the names `comma`, `semicolon`, `tab` (or `\t`).
  ///
  /// - Parameter text: The text given.
  public init?(argument text: String) {
    switch text.lowercased() {
    case ",", "comma": self = .comma
    case ";", "semicolon": self = .semicolon
    case "\t", "tab", "\\t": self = .tab
    default: return nil
    }
  }

  /// The separator as a byte.
  var byte: UInt8 { UInt8(ascii: rawValue.unicodeScalars.first!) }

  /// `','`, `';'` or `tab`, for messages.
  public var description: String { self == .tab ? "tab" : "'\(rawValue)'" }
}
