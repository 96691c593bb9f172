/// A registered component: its name, description, parameters and factory.
public struct ComponentEntry<Product: Sendable>: Sendable {
  /// The lower_snake registry name.
  public let name: String
  /// A one-line description.
  public let summary: String
  /// The parameters it accepts, in positional order.
  public let parameters: [ParameterDeclaration]
  /// The name of the Swift type the factory makes (`ExponentialLinearUnit` for `elu`), or `nil` when not given.
  public let typeName: String?
  /// The Swift expression the registry name stands for when it is one configuration of its type rather than a type
  /// of its own (`Swish.sigmoidLinearUnit` for `silu`), or `nil`.
  public let typeNote: String?
  /// Makes the component from checked arguments.
  public let make: @Sendable (Arguments) throws -> Product

  /// An entry.
  ///
  /// ```swift
  /// ComponentEntry<any Activation>(
  ///   name: "silu", summary: "x·σ(x)", typeName: "Swish", typeNote: "Swish.sigmoidLinearUnit"
  /// ) { _ in Swish.sigmoidLinearUnit }
  /// ```
  ///
  /// - Parameters:
  ///   - name: The lower_snake registry name.
  ///   - summary: A one-line description.
  ///   - typeName: The name of the Swift type `make` returns, shown beside the registry name by listings.
  ///   - typeNote: The Swift expression the name stands for when it is a configuration of `typeName`
  ///     (`Swish.sigmoidLinearUnit`).
  ///   - parameters: The parameters, in positional order.
  ///   - make: The factory, given every declared parameter (defaults filled in).
  public init(
    name: String, summary: String, typeName: String? = nil, typeNote: String? = nil,
    parameters: [ParameterDeclaration] = [], make: @escaping @Sendable (Arguments) throws -> Product
  ) {
    self.name = name
    self.summary = summary
    self.parameters = parameters
    self.typeName = typeName
    self.typeNote = typeNote
    self.make = make
  }

  /// Checks `request` against the declarations and fills in defaults.
  ///
  /// - Parameter request: A request naming this component.
  /// - Throws: ``ComponentError`` for unknown, missing, surplus or ill-typed arguments.
  public func arguments(for request: ComponentRequest) throws -> Arguments {
    guard request.positional.count <= parameters.count else {
      throw ComponentError.tooManyArguments(
        component: name, given: request.positional.count, accepted: parameters.map(\.name))
    }
    var given = request.named
    for (index, value) in request.positional.enumerated() {
      let parameter = parameters[index].name
      guard given[parameter] == nil else {
        throw ComponentError.invalidArgument(
          component: name, parameter: parameter, reason: "given both by position and by name")
      }
      given[parameter] = value
    }
    for key in given.keys.sorted() where !parameters.contains(where: { $0.name == key }) {
      throw ComponentError.unknownParameter(component: name, parameter: key, accepted: parameters.map(\.name))
    }
    var values: [String: ParameterValue] = [:]
    for declaration in parameters {
      guard let raw = given[declaration.name] ?? declaration.defaultValue else {
        throw ComponentError.missingParameter(component: name, parameter: declaration.name)
      }
      guard let value = declaration.coerce(raw) else {
        throw ComponentError.invalidArgument(
          component: name, parameter: declaration.name,
          reason: "expected \(declaration.kind.rawValue), got '\(raw)'")
      }
      values[declaration.name] = value
    }
    return Arguments(componentName: name, values: values)
  }

  /// Makes the component `request` describes.
  ///
  /// - Parameter request: A request naming this component.
  public func make(_ request: ComponentRequest) throws -> Product {
    try make(arguments(for: request))
  }
}

/// What the registry says about one component, for listings (`nn list`).
public struct ComponentDescription: Sendable, Hashable {
  /// The kind.
  public let kind: ComponentKind
  /// The registry name.
  public let name: String
  /// A one-line description.
  public let summary: String
  /// The parameters, in positional order.
  public let parameters: [ParameterDeclaration]
  /// The name of the Swift type the component is (`ExponentialLinearUnit` for `elu`), or `nil` when its entry does
  /// not say.
  public let typeName: String?
  /// The Swift expression the name stands for when it is one configuration of its type (`Swish(beta: 1)` for
  /// `silu`), or `nil`.
  public let typeNote: String?

  /// The description of a registered entry.
  ///
  /// - Parameters:
  ///   - kind: The kind the entry is registered as.
  ///   - entry: The entry.
  public init<Product>(kind: ComponentKind, entry: ComponentEntry<Product>) {
    self.kind = kind
    self.name = entry.name
    self.summary = entry.summary
    self.parameters = entry.parameters
    self.typeName = entry.typeName
    self.typeNote = entry.typeNote
  }
}
