/// The name of a component being scaffolded: a Swift type name and the lower_snake registry name derived from it.
///
/// `LeakyGate` → `leaky_gate`, `HTTPGate` → `http_gate`, `Swish2` → `swish2`: a word starts at each capital
/// that follows a lowercase letter or a digit, and at the last capital of a run followed by a lowercase letter.
struct ComponentName: Equatable, Sendable {
  /// The Swift type name, UpperCamelCase (`LeakyGate`).
  let typeName: String
  /// The registry name, lower_snake (`leaky_gate`).
  let registryName: String

  /// Type names the generated code itself uses, or that Swift reserves: a component named so would not build.
  /// Besides Swift's, the framework types the templates name, which a user's package would shadow.
  static let reserved: Set<String> = [
    "Any", "AnyObject", "Array", "Bool", "Character", "Dictionary", "Double", "Error", "Float", "Int", "Never",
    "Optional", "Protocol", "Result", "Self", "Set", "SIMD8", "String", "Type", "Void",
    "Activation", "ComponentConfiguration", "ComponentEntry", "ComponentError", "ConformanceCheck",
    "ElementwiseActivation", "ForwardMode", "Initializer", "Layer", "LayerWorkspace", "Loss", "Matrix",
    "NNLayersPlugin", "NNOptimPlugin", "Optimizer", "ParameterDeclaration", "ParameterShape", "ParameterState",
    "Plugin", "RandomSource", "Reduction", "Registrar", "Registry", "Suite", "Test", "VectorMath",
  ]

  /// Checks `typeName` and derives the registry name.
  ///
  /// - Parameters:
  ///   - typeName: What the user wrote.
  ///   - taken: Why a corrected name would be taken, in a few words, or `nil` when it is free: an invalid name is
  ///     never answered with a correction that would be refused in turn.
  /// - Throws: ``ScaffoldingError`` (usage) naming the rule broken, with a corrected name when one is obvious and
  ///   free, or saying that the obvious one is taken.
  init(_ typeName: String, taken: (ComponentName) -> String? = { _ in nil }) throws {
    guard ComponentName.isTypeName(typeName) else {
      var hint = ""
      var note = ""
      if let candidate = ComponentName.suggestion(for: typeName) {
        let corrected = ComponentName(checked: candidate)
        if let reason = taken(corrected) {
          note = "; the obvious correction '\(candidate)' is taken too (\(reason)): choose another name"
        } else {
          hint = " (did you mean '\(candidate)'?)"
        }
      }
      throw ScaffoldingError.invalidRequest(
        "'\(typeName)' is not a component type name\(hint): it must be a Swift UpperCamelCase name, "
          + "an uppercase letter then ASCII letters and digits (e.g. LeakyGate)\(note)")
    }
    guard !ComponentName.reserved.contains(typeName) else {
      throw ScaffoldingError.invalidRequest(
        "'\(typeName)' is a type name Swift or the generated code already uses; choose another")
    }
    self.typeName = typeName
    self.registryName = ComponentName.lowerSnake(typeName)
  }

  /// A name already known to be a valid type name.
  private init(checked typeName: String) {
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
    return isTypeName(candidate) && !reserved.contains(candidate) && candidate != text ? candidate : nil
  }
}
