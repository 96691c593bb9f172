/// The name of a component being scaffolded: a Swift type name and the lower_snake registry name derived from it.
///
/// `LeakyGate` → `leaky_gate`, `HTTPGate` → `http_gate`, `Swish2` → `swish2`: a word starts at each capital
/// that follows a lowercase letter or a digit, and at the last capital of a run followed by a lowercase letter.
struct ComponentName: Equatable {
  /// The Swift type name, UpperCamelCase (`LeakyGate`).
  let typeName: String
  /// The registry name, lower_snake (`leaky_gate`).
  let registryName: String

  /// Type names the generated code itself uses, or that Swift reserves: a component named so would not build.
  static let reserved: Set<String> = [
    "Any", "AnyObject", "Array", "Bool", "Character", "Dictionary", "Double", "Error", "Float", "Int", "Never",
    "Optional", "Protocol", "Result", "Self", "Set", "SIMD8", "String", "Type", "Void",
  ]

  /// Checks `typeName` and derives the registry name.
  ///
  /// - Parameter typeName: What the user wrote.
  /// - Throws: ``ScaffoldFailure`` (usage) naming the rule broken, with a corrected name when one is obvious.
  init(_ typeName: String) throws {
    guard ComponentName.isTypeName(typeName) else {
      let hint = ComponentName.suggestion(for: typeName).map { " (did you mean '\($0)'?)" } ?? ""
      throw ScaffoldFailure.usage(
        "'\(typeName)' is not a component type name\(hint): it must be a Swift UpperCamelCase name, "
          + "an uppercase letter then ASCII letters and digits (e.g. LeakyGate)")
    }
    guard !ComponentName.reserved.contains(typeName) else {
      throw ScaffoldFailure.usage(
        "'\(typeName)' is a type name Swift or the generated code already uses; choose another")
    }
    self.typeName = typeName
    self.registryName = ComponentName.lowerSnake(typeName)
  }

  /// Whether `text` is an UpperCamelCase ASCII identifier: an uppercase letter, then letters and digits.
  ///
  /// - Parameter text: The candidate.
  static func isTypeName(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
  }

  /// The lower_snake form of an UpperCamelCase name.
  ///
  /// - Parameter typeName: A valid type name.
  static func lowerSnake(_ typeName: String) -> String {
    let characters = Array(typeName)
    var result = ""
    for (index, character) in characters.enumerated() {
      if character.isUppercase, index > 0 {
        let previous = characters[index - 1]
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        let startsWord =
          previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true)
        if startsWord { result.append("_") }
      }
      result.append(Character(character.lowercased()))
    }
    return result
  }

  /// A valid type name close to what was written (`leaky_gate` or `leaky-gate` → `LeakyGate`), or `nil`.
  ///
  /// - Parameter text: An invalid name.
  static func suggestion(for text: String) -> String? {
    guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " ") })
    else { return nil }
    let words = text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    let candidate = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    return isTypeName(candidate) && candidate != text ? candidate : nil
  }
}
