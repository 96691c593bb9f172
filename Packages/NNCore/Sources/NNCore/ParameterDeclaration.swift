/// The kind of value a parameter takes.
public enum ParameterKind: String, Sendable, Codable, CaseIterable {
  /// A real number.
  case number
  /// A whole number.
  case integer
  /// `true` or `false`.
  case boolean
  /// A word.
  case text
}

/// One parameter a component accepts: its name, kind, default and meaning.
///
/// The registry checks every argument against these declarations before a component is made: unknown names,
/// wrong kinds and missing required values are reported with the component's name.
public struct ParameterDeclaration: Sendable, Hashable {
  /// The parameter's lower_snake name, as written in a specification (`negative_slope`).
  public let name: String
  /// The kind of value.
  public let kind: ParameterKind
  /// The value used when none is given; `nil` makes the parameter required.
  public let defaultValue: ParameterValue?
  /// A one-line description.
  public let summary: String

  /// Declares a parameter.
  ///
  /// - Parameters:
  ///   - name: The lower_snake name.
  ///   - kind: The kind of value.
  ///   - defaultValue: The default, or `nil` for a required parameter.
  ///   - summary: A one-line description.
  public init(_ name: String, _ kind: ParameterKind, default defaultValue: ParameterValue? = nil, summary: String) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.summary = summary
  }

  /// Converts `value` to this parameter's kind, or returns `nil` when it cannot be.
  ///
  /// Integers are accepted for numbers, and numbers without a fractional part for integers.
  ///
  /// - Parameter value: A value given for this parameter.
  /// - Returns: `value` as this parameter's kind, or `nil` when it cannot be converted.
  public func coerce(_ value: ParameterValue) -> ParameterValue? {
    switch kind {
    case .number: value.numberValue.map(ParameterValue.number)
    case .integer: value.integerValue.map(ParameterValue.integer)
    case .boolean: value.booleanValue.map(ParameterValue.boolean)
    case .text: value.textValue.map(ParameterValue.text)
    }
  }
}
