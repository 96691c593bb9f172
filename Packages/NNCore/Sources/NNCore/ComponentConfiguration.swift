/// What a component is, by name: its registry name and the values of all its parameters.
///
/// A configuration is all a model file needs to make the component again through a ``Registry``;
/// its text form is the specification syntax, `leaky_relu(negative_slope=0.1)`.
public struct ComponentConfiguration: Sendable, Hashable, Codable {
  /// The lower_snake registry name (`leaky_relu`).
  public var name: String
  /// The parameter values by name.
  public var arguments: [String: ParameterValue]

  /// A configuration.
  ///
  /// - Parameters:
  ///   - name: The registry name.
  ///   - arguments: The parameter values by name.
  public init(name: String, arguments: [String: ParameterValue] = [:]) {
    self.name = name
    self.arguments = arguments
  }

  /// The request that makes this component again (all arguments named).
  public var request: ComponentRequest {
    ComponentRequest(name: name, named: arguments)
  }
}

extension ComponentConfiguration: CustomStringConvertible {
  /// The specification text: `name` or `name(a=1, b=true)`, parameters in alphabetical order.
  public var description: String { request.description }
}
