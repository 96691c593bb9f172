/// A request for a component, as a user writes it: a name with optional positional and named arguments.
///
/// Syntax: `name`, `name()`, `name(value, …)`, `name(parameter=value, …)`; positional arguments come first
/// and fill the declared parameters in order. Values are `true`/`false`, numbers, or words.
/// For example `dense(12)`, `leaky_relu(negative_slope=0.1)`, `mse(reduction=sum)`.
public struct ComponentRequest: Sendable, Hashable {
  /// The registry name.
  public var name: String
  /// Arguments without a name, in order.
  public var positional: [ParameterValue]
  /// Arguments by name.
  public var named: [String: ParameterValue]

  /// A request.
  ///
  /// - Parameters:
  ///   - name: The registry name.
  ///   - positional: Arguments without a name, in order.
  ///   - named: Arguments by name.
  public init(name: String, positional: [ParameterValue] = [], named: [String: ParameterValue] = [:]) {
    self.name = name
    self.positional = positional
    self.named = named
  }

  /// Parses the specification syntax, for example `leaky_relu(negative_slope=0.1)`.
  ///
  /// - Parameter text: The specification.
  /// - Throws: ``ComponentError/malformedSpecification(_:reason:)`` naming what is wrong.
  public init(parsing text: String) throws {
    let trimmed = text.trimmingWhitespace()
    guard let open = trimmed.firstIndex(of: "(") else {
      try self.init(name: ComponentRequest.validatedName(trimmed, in: text))
      return
    }
    guard trimmed.last == ")" else {
      throw ComponentError.malformedSpecification(text, reason: "missing ')' at the end")
    }
    let name = try ComponentRequest.validatedName(String(trimmed[..<open]), in: text)
    let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
    var positional: [ParameterValue] = []
    var named: [String: ParameterValue] = [:]
    let pieces = try ComponentRequest.splitArguments(inside, in: text)
    if !(pieces.count == 1 && pieces[0].isEmpty) {
      for piece in pieces {
        guard !piece.isEmpty else {
          throw ComponentError.malformedSpecification(text, reason: "an argument is empty")
        }
        if let equals = piece.firstIndex(of: "="), piece.first != "\"", piece.first != "'" {
          let key = String(piece[..<equals]).trimmingWhitespace()
          guard ComponentRequest.isName(key) else {
            throw ComponentError.malformedSpecification(text, reason: "'\(key)' is not a parameter name")
          }
          guard named[key] == nil else {
            throw ComponentError.malformedSpecification(text, reason: "'\(key)' is given twice")
          }
          named[key] = ParameterValue(parsing: String(piece[piece.index(after: equals)...]))
        } else {
          guard named.isEmpty else {
            throw ComponentError.malformedSpecification(
              text, reason: "positional argument '\(piece)' after a named one")
          }
          positional.append(ParameterValue(parsing: piece))
        }
      }
    }
    self.init(name: name, positional: positional, named: named)
  }

  /// Splits the text between the parentheses at the commas outside quotes, trimming each piece.
  private static func splitArguments(_ inside: Substring, in text: String) throws -> [String] {
    var pieces: [String] = []
    var current = ""
    var quote: Character?
    for character in inside {
      if let open = quote {
        if character == open { quote = nil }
        current.append(character)
      } else if character == "\"" || character == "'" {
        quote = character
        current.append(character)
      } else if character == "," {
        pieces.append(current.trimmingWhitespace())
        current = ""
      } else if character == "(" || character == ")" {
        throw ComponentError.malformedSpecification(text, reason: "unbalanced '\(character)' among the arguments")
      } else {
        current.append(character)
      }
    }
    if let open = quote {
      throw ComponentError.malformedSpecification(text, reason: "a text argument lacks its closing \(open)")
    }
    pieces.append(current.trimmingWhitespace())
    return pieces
  }

  private static func validatedName(_ candidate: String, in text: String) throws -> String {
    let name = candidate.trimmingWhitespace()
    guard isName(name) else {
      throw ComponentError.malformedSpecification(
        text, reason: "'\(name)' is not a component name (lower_snake letters, digits and '_')")
    }
    return name
  }

  /// Whether `text` is a lower_snake identifier: a lowercase letter, then lowercase letters, digits or `_`.
  public static func isName(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
  }
}

extension ComponentRequest: CustomStringConvertible {
  /// The specification text, named arguments in alphabetical order.
  public var description: String {
    let arguments = positional.map(\.description) + named.keys.sorted().map { "\($0)=\(named[$0]!)" }
    return arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ", ")))"
  }
}
