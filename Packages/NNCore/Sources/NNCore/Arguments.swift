/// The checked arguments handed to a component's factory: every declared parameter, given or defaulted.
public struct Arguments: Sendable, Hashable {
  /// The name of the component being made, for messages.
  public let componentName: String
  /// The values by parameter name.
  public let values: [String: ParameterValue]

  /// Arguments with the given values.
  ///
  /// - Parameters:
  ///   - componentName: The component's registry name.
  ///   - values: The values by parameter name.
  public init(componentName: String, values: [String: ParameterValue]) {
    self.componentName = componentName
    self.values = values
  }

  /// The real number named `name`.
  ///
  /// - Parameter name: A declared parameter of kind ``ParameterKind/number``.
  public func number(_ name: String) throws -> Double {
    guard let value = values[name]?.numberValue else { throw missing(name, "a number") }
    return value
  }

  /// The whole number named `name`.
  ///
  /// - Parameter name: A declared parameter of kind ``ParameterKind/integer``.
  public func integer(_ name: String) throws -> Int {
    guard let value = values[name]?.integerValue else { throw missing(name, "an integer") }
    return value
  }

  /// The flag named `name`.
  ///
  /// - Parameter name: A declared parameter of kind ``ParameterKind/boolean``.
  public func boolean(_ name: String) throws -> Bool {
    guard let value = values[name]?.booleanValue else { throw missing(name, "true or false") }
    return value
  }

  /// The word named `name`.
  ///
  /// - Parameter name: A declared parameter of kind ``ParameterKind/text``.
  public func text(_ name: String) throws -> String {
    guard let value = values[name]?.textValue else { throw missing(name, "a word") }
    return value
  }

  private func missing(_ name: String, _ expected: String) -> ComponentError {
    .invalidArgument(component: componentName, parameter: name, reason: "expected \(expected)")
  }
}
