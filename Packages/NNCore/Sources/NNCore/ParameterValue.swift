/// The value of a component parameter: a number, an integer, a Boolean or text.
///
/// In JSON it is the plain JSON value (`0.1`, `12`, `true`, `"mean"`).
public enum ParameterValue: Sendable, Hashable {
  /// A real number, such as a slope or a learning rate.
  case number(Double)
  /// A whole number, such as a layer width.
  case integer(Int)
  /// A flag, such as whether a layer has a bias.
  case boolean(Bool)
  /// A word, such as a reduction (`mean`).
  case text(String)

  /// The value as a `Double`, when it is a number or an integer.
  public var numberValue: Double? {
    switch self {
    case .number(let value): value
    case .integer(let value): Double(value)
    default: nil
    }
  }

  /// The value as an `Int`, when it is an integer or a number with no fractional part.
  public var integerValue: Int? {
    switch self {
    case .integer(let value): value
    case .number(let value) where value.rounded() == value && abs(value) < 9.0e15: Int(value)
    default: nil
    }
  }

  /// The value as a `Bool`, when it is a Boolean.
  public var booleanValue: Bool? {
    if case .boolean(let value) = self { value } else { nil }
  }

  /// The value as a `String`, when it is text.
  public var textValue: String? {
    if case .text(let value) = self { value } else { nil }
  }

  /// Reads a value as written in a component specification: `true`/`false`, an integer, a real number,
  /// or otherwise text (optionally in single or double quotes).
  ///
  /// - Parameter literal: The text after `=` in `name(parameter=literal)`.
  public init(parsing literal: String) {
    let trimmed = literal.trimmingWhitespace()
    if trimmed == "true" {
      self = .boolean(true)
    } else if trimmed == "false" {
      self = .boolean(false)
    } else if let integer = Int(trimmed) {
      self = .integer(integer)
    } else if let number = Double(trimmed), number.isFinite {
      self = .number(number)
    } else if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
      self = .text(String(trimmed.dropFirst().dropLast()))
    } else {
      self = .text(trimmed)
    }
  }
}

extension ParameterValue: CustomStringConvertible {
  /// The value as written in a specification: `0.1`, `12`, `true`, `mean`.
  public var description: String {
    switch self {
    case .number(let value): "\(value)"
    case .integer(let value): "\(value)"
    case .boolean(let value): "\(value)"
    case .text(let value): ParameterValue.quotedIfNeeded(value)
    }
  }

  /// `text` as written in a specification: bare when it reads back as the same text, otherwise quoted.
  private static func quotedIfNeeded(_ text: String) -> String {
    let special: Set<Character> = [",", "(", ")", "=", "\"", "'"]
    let plain =
      !text.isEmpty && text.trimmingWhitespace() == text && !text.contains(where: special.contains)
      && ParameterValue(parsing: text) == .text(text)
    if plain { return text }
    return text.contains("\"") ? "'\(text)'" : "\"\(text)\""
  }
}

extension ParameterValue {
  /// Numbers and integers are equal when their values are (`1.0 == 1`): JSON does not tell them apart.
  ///
  /// - Parameters:
  ///   - left: A value.
  ///   - right: Another value.
  /// - Returns: Whether both are the same Boolean, the same text, or numbers of equal value.
  public static func == (left: ParameterValue, right: ParameterValue) -> Bool {
    switch (left, right) {
    case (.number, .number), (.number, .integer), (.integer, .number), (.integer, .integer):
      left.numberValue == right.numberValue
    case (.boolean(let a), .boolean(let b)): a == b
    case (.text(let a), .text(let b)): a == b
    default: false
    }
  }

  /// Hashes numbers and integers by their value, consistently with ``==(_:_:)``.
  ///
  /// - Parameter hasher: The hasher to feed.
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .number, .integer:
      hasher.combine(0)
      hasher.combine(numberValue)
    case .boolean(let value):
      hasher.combine(1)
      hasher.combine(value)
    case .text(let value):
      hasher.combine(2)
      hasher.combine(value)
    }
  }
}

extension ParameterValue: Codable {
  /// Decodes a plain JSON value: a Boolean, an integer, a real number or a string.
  ///
  /// - Parameter decoder: The decoder holding a single value.
  /// - Throws: `DecodingError` when the value is none of those (an array, an object or null).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .boolean(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .text(value)
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a number, an integer, true/false or a string")
    }
  }

  /// Encodes the plain JSON value.
  ///
  /// - Parameter encoder: The encoder receiving a single value.
  /// - Throws: The encoder's error.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .boolean(let value): try container.encode(value)
    case .text(let value): try container.encode(value)
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  package func trimmingWhitespace() -> String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}
