/// Every component known to a program, by kind and lower_snake name: an immutable value built from plugins.
///
/// ```swift
/// let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
/// let activation = try registry.activation("leaky_relu(negative_slope=0.1)")
/// ```
/// Unknown names fail with the list of known names and the closest one ("did you mean 'relu'?").
/// Layers may also be named by any activation: the activation wrapped as a layer.
public struct Registry: Sendable {
  private let registrar: Registrar

  /// A registry holding every component the plugins register.
  ///
  /// A name may be registered once per kind, and a layer may not take an activation's name (every activation
  /// is also a layer by its name). A clash names both plugins, by their types:
  ///
  /// ```
  /// the activation name 'mish' is registered twice, by MyPackage.MyPlugin and by NNLayers.NNLayersPlugin;
  /// rename one of the components, or leave one plugin out of the registry's list
  /// ```
  ///
  /// - Parameter plugins: The plugins, in order, each listed once.
  /// - Throws: ``ComponentError/duplicateName(kind:name:firstPlugin:secondPlugin:)`` when two entries of one kind
  ///   share a name, ``ComponentError/layerNamedLikeActivation(name:layerPlugin:activationPlugin:)`` when a layer
  ///   has an activation's name, ``ComponentError/duplicatePlugin(_:)`` when a plugin is listed twice.
  public init(plugins: [any Plugin.Type]) throws {
    var registrar = Registrar()
    var listed: Set<ObjectIdentifier> = []
    for plugin in plugins {
      guard listed.insert(ObjectIdentifier(plugin)).inserted else {
        throw ComponentError.duplicatePlugin(String(reflecting: plugin))
      }
      registrar.plugin = String(reflecting: plugin)
      plugin.register(in: &registrar)
    }
    if let duplicate = registrar.duplicates.first { throw duplicate }
    let layerPlugins = registrar.registeredBy[.layer] ?? [:]
    let activationPlugins = registrar.registeredBy[.activation] ?? [:]
    for name in layerPlugins.keys.sorted() {
      if let layerPlugin = layerPlugins[name], let activationPlugin = activationPlugins[name] {
        throw ComponentError.layerNamedLikeActivation(
          name: name, layerPlugin: layerPlugin, activationPlugin: activationPlugin)
      }
    }
    self.registrar = registrar
  }

  /// Makes an activation from its specification text, such as `leaky_relu(negative_slope=0.1)`.
  ///
  /// - Parameter specification: A registry name, optionally followed by arguments in parentheses.
  /// - Returns: The configured activation.
  /// - Throws: ``ComponentError/malformedSpecification(_:reason:)`` when the text does not parse,
  ///   ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no activation has the name, or the
  ///   component's argument error.
  public func activation(_ specification: String) throws -> any Activation {
    try activation(ComponentRequest(parsing: specification))
  }

  /// Makes an activation from a request.
  ///
  /// - Parameter request: The parsed name and arguments.
  /// - Returns: The configured activation.
  /// - Throws: ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no activation has the name, or
  ///   the component's argument error.
  public func activation(_ request: ComponentRequest) throws -> any Activation {
    try entry(request.name, in: registrar.activations, kind: .activation).make(request)
  }

  /// Makes a layer from its specification text, such as `dense(12)` or `sigmoid`.
  ///
  /// - Parameter specification: A registry name, optionally followed by arguments in parentheses.
  /// - Returns: The configured layer.
  /// - Throws: ``ComponentError/malformedSpecification(_:reason:)`` when the text does not parse,
  ///   ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no layer has the name, or the
  ///   component's argument error.
  public func layer(_ specification: String) throws -> any Layer {
    try layer(ComponentRequest(parsing: specification))
  }

  /// Makes a layer from a request; a registered activation's name gives that activation as a layer.
  ///
  /// - Parameter request: The parsed name and arguments.
  /// - Returns: The configured layer.
  /// - Throws: ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no layer has the name, or
  ///   the component's argument error.
  public func layer(_ request: ComponentRequest) throws -> any Layer {
    if let entry = registrar.layers[request.name] { return try entry.make(request) }
    if let wrap = registrar.activationLayer, let entry = registrar.activations[request.name] {
      return wrap(try entry.make(request))
    }
    throw unknown(request.name, kind: .layer, among: names(of: .layer))
  }

  /// Makes a loss from its specification text, such as `mse(reduction=sum)`.
  ///
  /// - Parameter specification: A registry name, optionally followed by arguments in parentheses.
  /// - Returns: The configured loss.
  /// - Throws: ``ComponentError/malformedSpecification(_:reason:)`` when the text does not parse,
  ///   ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no loss has the name, or the
  ///   component's argument error.
  public func loss(_ specification: String) throws -> any Loss {
    try loss(ComponentRequest(parsing: specification))
  }

  /// Makes a loss from a request.
  ///
  /// - Parameter request: The parsed name and arguments.
  /// - Returns: The configured loss.
  /// - Throws: ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no loss has the name, or
  ///   the component's argument error.
  public func loss(_ request: ComponentRequest) throws -> any Loss {
    try entry(request.name, in: registrar.losses, kind: .loss).make(request)
  }

  /// Makes an optimizer from its specification text, such as `momentum(learning_rate=0.1)`.
  ///
  /// - Parameter specification: A registry name, optionally followed by arguments in parentheses.
  /// - Returns: The configured optimizer.
  /// - Throws: ``ComponentError/malformedSpecification(_:reason:)`` when the text does not parse,
  ///   ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no optimizer has the name, or the
  ///   component's argument error.
  public func optimizer(_ specification: String) throws -> any Optimizer {
    try optimizer(ComponentRequest(parsing: specification))
  }

  /// Makes an optimizer from a request.
  ///
  /// - Parameter request: The parsed name and arguments.
  /// - Returns: The configured optimizer.
  /// - Throws: ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no optimizer has the name, or
  ///   the component's argument error.
  public func optimizer(_ request: ComponentRequest) throws -> any Optimizer {
    try entry(request.name, in: registrar.optimizers, kind: .optimizer).make(request)
  }

  /// Makes an initializer from its specification text, such as `he_normal`.
  ///
  /// - Parameter specification: A registry name, optionally followed by arguments in parentheses.
  /// - Returns: The configured initializer.
  /// - Throws: ``ComponentError/malformedSpecification(_:reason:)`` when the text does not parse,
  ///   ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no initializer has the name, or the
  ///   component's argument error.
  public func initializer(_ specification: String) throws -> any Initializer {
    try initializer(ComponentRequest(parsing: specification))
  }

  /// Makes an initializer from a request.
  ///
  /// - Parameter request: The parsed name and arguments.
  /// - Returns: The configured initializer.
  /// - Throws: ``ComponentError/unknownComponent(kind:name:known:suggestion:)`` when no initializer has the name, or
  ///   the component's argument error.
  public func initializer(_ request: ComponentRequest) throws -> any Initializer {
    try entry(request.name, in: registrar.initializers, kind: .initializer).make(request)
  }

  /// The registered names of one kind, sorted; for layers, the layer names and then the activation names.
  ///
  /// - Parameter kind: The kind to list.
  public func names(of kind: ComponentKind) -> [String] {
    switch kind {
    case .activation: registrar.activations.keys.sorted()
    case .layer:
      registrar.layers.keys.sorted() + (registrar.activationLayer == nil ? [] : registrar.activations.keys.sorted())
    case .loss: registrar.losses.keys.sorted()
    case .optimizer: registrar.optimizers.keys.sorted()
    case .initializer: registrar.initializers.keys.sorted()
    }
  }

  /// The entries of one kind, sorted by name, for listings.
  ///
  /// - Parameter kind: The kind to describe.
  public func descriptions(of kind: ComponentKind) -> [ComponentDescription] {
    func describe<Product>(_ table: [String: ComponentEntry<Product>]) -> [ComponentDescription] {
      table.values.sorted { $0.name < $1.name }.map {
        ComponentDescription(kind: kind, entry: $0)
      }
    }
    switch kind {
    case .activation: return describe(registrar.activations)
    case .layer: return describe(registrar.layers)
    case .loss: return describe(registrar.losses)
    case .optimizer: return describe(registrar.optimizers)
    case .initializer: return describe(registrar.initializers)
    }
  }

  /// The kinds that have a component called `name`, in ``ComponentKind`` order; an activation's name is a layer's
  /// too when activations stand as layers.
  ///
  /// - Parameter name: A registry name, without arguments.
  public func kinds(named name: String) -> [ComponentKind] {
    ComponentKind.allCases.filter { names(of: $0).contains(name) }
  }

  /// The error for a name that no component of `kinds` has, suggesting the closest registered name of those
  /// kinds ("did you mean 'relu'?") and listing the known names of the suggestion's kind (or of the first kind
  /// when nothing is close).
  ///
  /// - Parameters:
  ///   - name: The name asked for.
  ///   - kinds: The kinds searched, in the order their names are tried for a suggestion; by default layers first,
  ///     since their names include the activations'.
  public func unknownComponentError(
    _ name: String, among kinds: [ComponentKind] = [.layer, .loss, .optimizer, .initializer, .activation]
  ) -> ComponentError {
    let candidates = kinds.flatMap { kind in names(of: kind).map { (kind, $0) } }
    let suggestion = NameSuggestion.closest(to: name, among: candidates.map(\.1))
    let kind = candidates.first { $0.1 == suggestion }?.0 ?? kinds.first ?? .layer
    return .unknownComponent(kind: kind, name: name, known: names(of: kind), suggestion: suggestion)
  }

  private func entry<Product>(
    _ name: String, in table: [String: ComponentEntry<Product>], kind: ComponentKind
  ) throws -> ComponentEntry<Product> {
    guard let entry = table[name] else { throw unknown(name, kind: kind, among: table.keys.sorted()) }
    return entry
  }

  private func unknown(_ name: String, kind: ComponentKind, among known: [String]) -> ComponentError {
    .unknownComponent(kind: kind, name: name, known: known, suggestion: NameSuggestion.closest(to: name, among: known))
  }
}
