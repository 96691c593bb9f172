import Foundation
import NNCore

extension TemplateManifest {
  /// The Swift literal of every parameter's default: the manifest's, or the value given for it.
  ///
  /// - Parameters:
  ///   - given: The values given, each `name=value` (`--param`).
  ///   - kind: The template's kind, for messages.
  /// - Returns: Each parameter's literal, by name.
  /// - Throws: ``ScaffoldingError`` (invalid request) for a value that is not `name=value`, names no parameter,
  ///   or breaks the parameter's rule.
  func literals(given: [String], kind: ComponentKind) throws -> [String: String] {
    var values: [String: String] = [:]
    for parameter in parameters { values[parameter.name] = parameter.default }
    let accepted = parameters.map(\.name)
    for assignment in given {
      guard let equals = assignment.firstIndex(of: "=") else {
        let example = accepted.first ?? "name"
        throw ScaffoldingError.invalidRequest(
          "--param '\(assignment)' must be name=value, as in --param \(example)=1.0")
      }
      let key = assignment[..<equals].trimmingCharacters(in: .whitespaces)
      guard accepted.contains(key) else {
        let list = accepted.isEmpty ? "it takes none" : "accepted: \(accepted.joined(separator: ", "))"
        throw ScaffoldingError.invalidRequest("the \(kind.rawValue) template has no parameter '\(key)'; \(list)")
      }
      values[key] = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
    var literals: [String: String] = [:]
    for parameter in parameters {
      let value = values[parameter.name] ?? parameter.default
      let (literal, reason) = parameter.literal(for: value)
      guard let literal else {
        throw ScaffoldingError.invalidRequest("invalid --param \(parameter.name)=\(value): \(reason)")
      }
      literals[parameter.name] = literal
    }
    return literals
  }
}

extension TemplateManifest.Parameter {
  /// `value` as a Swift literal for the generated code, after checking it against the kind and rule.
  ///
  /// - Parameter value: The value as written (`1.0`, `true`, `sum`).
  /// - Returns: The literal (`1.0`, `1e-08`, `true`, `sum`), or `nil` with the reason it is refused.
  func literal(for value: String) -> (literal: String?, reason: String) {
    switch kind {
    case "number":
      guard let number = Double(value), number.isFinite else { return (nil, "expected a finite number") }
      switch rule {
      case "positive" where number <= 0: return (nil, "must be greater than 0")
      case "fraction" where !(number >= 0 && number < 1): return (nil, "must be in [0, 1)")
      default: return ("\(number)", "")
      }
    case "integer":
      guard let integer = Int(value) else { return (nil, "expected a whole number") }
      if rule == "positive", integer <= 0 { return (nil, "must be greater than 0") }
      return ("\(integer)", "")
    case "boolean":
      guard value == "true" || value == "false" else { return (nil, "expected true or false") }
      return (value, "")
    default:
      if let accepted {
        guard accepted.contains(value) else { return (nil, "expected \(accepted.joined(separator: " or "))") }
        return (value, "")
      }
      let isWord =
        value.first.map { $0.isASCII && $0.isLowercase } == true
        && value.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
      return isWord ? (value, "") : (nil, "expected a lower_snake word")
    }
  }
}
