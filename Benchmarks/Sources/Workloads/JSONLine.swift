import Foundation

/// A value of a JSON result line.
public enum JSONValue: Sendable {
  case number(Double)
  /// A number written with all 17 significant digits, so that it reads back exactly.
  case exactNumber(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object(JSONLine)
  case null

  /// The value written as JSON.
  var encoded: String {
    switch self {
    case .number(let value):
      guard value.isFinite else { return "null" }
      return String(format: "%.6g", value)
    case .exactNumber(let value):
      guard value.isFinite else { return "null" }
      return String(format: "%.17g", value)
    case .integer(let value): return String(value)
    case .string(let value): return encodedString(value)
    case .array(let values): return "[" + values.map(\.encoded).joined(separator: ",") + "]"
    case .object(let line): return line.encoded
    case .null: return "null"
    }
  }
}

/// A JSON object whose fields keep the order they were added in, like the reference scripts' result lines.
public struct JSONLine: Sendable {
  /// The fields, in order.
  public private(set) var fields: [(name: String, value: JSONValue)] = []

  /// An empty object.
  public init() {}

  /// Sets a field, replacing an earlier one of the same name in place.
  public subscript(name: String) -> JSONValue? {
    get { fields.first { $0.name == name }?.value }
    set {
      let index = fields.firstIndex { $0.name == name }
      switch (index, newValue) {
      case (let index?, let value?): fields[index].value = value
      case (let index?, nil): fields.remove(at: index)
      case (nil, let value?): fields.append((name, value))
      case (nil, nil): break
      }
    }
  }

  /// The object on one line, without spaces.
  public var encoded: String {
    "{" + fields.map { encodedString($0.name) + ":" + $0.value.encoded }.joined(separator: ",") + "}"
  }
}

/// `text` as a JSON string literal.
private func encodedString(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\t": result += "\\t"
    default:
      if scalar.value < 0x20 {
        result += String(format: "\\u%04x", scalar.value)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result + "\""
}
