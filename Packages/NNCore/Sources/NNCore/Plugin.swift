/// A set of components registered together; each package exposes one.
///
/// ```swift
/// enum MyPlugin: Plugin {
///   static func register(in registrar: inout Registrar) {
///     registrar.register(activation: ComponentEntry(name: "swish", summary: "x·σ(βx)") { _ in Swish() })
///   }
/// }
/// let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, MyPlugin.self])
/// ```
public protocol Plugin {
  /// Adds this plugin's components to `registrar`.
  ///
  /// - Parameter registrar: The collection being built.
  static func register(in registrar: inout Registrar)
}

/// The mutable builder a ``Registry`` is made from; plugins add their entries to it.
public struct Registrar: Sendable {
  var activations: [String: ComponentEntry<any Activation>] = [:]
  var layers: [String: ComponentEntry<any Layer>] = [:]
  var losses: [String: ComponentEntry<any Loss>] = [:]
  var optimizers: [String: ComponentEntry<any Optimizer>] = [:]
  var initializers: [String: ComponentEntry<any Initializer>] = [:]
  var activationLayer: (@Sendable (any Activation) -> any Layer)?
  /// The plugin registering now, named by its type; set by ``Registry/init(plugins:)``.
  var plugin = "an unnamed plugin"
  /// Which plugin registered each name, by kind.
  var registeredBy: [ComponentKind: [String: String]] = [:]
  /// Every name registered twice for one kind, in registration order.
  var duplicates: [ComponentError] = []

  /// An empty registrar.
  public init() {}

  /// Registers an activation.
  ///
  /// A second activation with the same name replaces the first, and ``Registry/init(plugins:)`` reports the clash.
  ///
  /// - Parameter entry: The activation's name, parameters and factory.
  public mutating func register(activation entry: ComponentEntry<any Activation>) {
    record(entry.name, kind: .activation)
    activations[entry.name] = entry
  }

  /// Registers a layer.
  ///
  /// A second layer with the same name replaces the first, and ``Registry/init(plugins:)`` reports the clash.
  ///
  /// - Parameter entry: The layer's name, parameters and factory.
  public mutating func register(layer entry: ComponentEntry<any Layer>) {
    record(entry.name, kind: .layer)
    layers[entry.name] = entry
  }

  /// Registers a loss.
  ///
  /// A second loss with the same name replaces the first, and ``Registry/init(plugins:)`` reports the clash.
  ///
  /// - Parameter entry: The loss's name, parameters and factory.
  public mutating func register(loss entry: ComponentEntry<any Loss>) {
    record(entry.name, kind: .loss)
    losses[entry.name] = entry
  }

  /// Registers an optimizer.
  ///
  /// A second optimizer with the same name replaces the first, and ``Registry/init(plugins:)`` reports the clash.
  ///
  /// - Parameter entry: The optimizer's name, parameters and factory.
  public mutating func register(optimizer entry: ComponentEntry<any Optimizer>) {
    record(entry.name, kind: .optimizer)
    optimizers[entry.name] = entry
  }

  /// Registers an initializer.
  ///
  /// A second initializer with the same name replaces the first, and ``Registry/init(plugins:)`` reports the clash.
  ///
  /// - Parameter entry: The initializer's name, parameters and factory.
  public mutating func register(initializer entry: ComponentEntry<any Initializer>) {
    record(entry.name, kind: .initializer)
    initializers[entry.name] = entry
  }

  /// Sets how an activation becomes a layer, so that every registered activation, built-in or not, can
  /// stand in a network by its name.
  ///
  /// - Parameter wrap: Makes the layer that applies an activation.
  public mutating func registerActivationLayer(_ wrap: @escaping @Sendable (any Activation) -> any Layer) {
    activationLayer = wrap
  }

  /// Notes that the current plugin registers `name` as a `kind`, keeping a clash with an earlier registration.
  private mutating func record(_ name: String, kind: ComponentKind) {
    if let first = registeredBy[kind]?[name] {
      duplicates.append(.duplicateName(kind: kind, name: name, firstPlugin: first, secondPlugin: plugin))
    } else {
      registeredBy[kind, default: [:]][name] = plugin
    }
  }
}
