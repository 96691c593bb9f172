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
  var duplicates: [(ComponentKind, String)] = []

  /// An empty registrar.
  public init() {}

  /// Registers an activation.
  public mutating func register(activation entry: ComponentEntry<any Activation>) {
    Registrar.insert(entry, into: &activations, kind: .activation, duplicates: &duplicates)
  }

  /// Registers a layer.
  public mutating func register(layer entry: ComponentEntry<any Layer>) {
    Registrar.insert(entry, into: &layers, kind: .layer, duplicates: &duplicates)
  }

  /// Registers a loss.
  public mutating func register(loss entry: ComponentEntry<any Loss>) {
    Registrar.insert(entry, into: &losses, kind: .loss, duplicates: &duplicates)
  }

  /// Registers an optimizer.
  public mutating func register(optimizer entry: ComponentEntry<any Optimizer>) {
    Registrar.insert(entry, into: &optimizers, kind: .optimizer, duplicates: &duplicates)
  }

  /// Registers an initializer.
  public mutating func register(initializer entry: ComponentEntry<any Initializer>) {
    Registrar.insert(entry, into: &initializers, kind: .initializer, duplicates: &duplicates)
  }

  /// Sets how an activation becomes a layer, so that every registered activation, built-in or not, can
  /// stand in a network by its name.
  ///
  /// - Parameter wrap: Makes the layer that applies an activation.
  public mutating func registerActivationLayer(_ wrap: @escaping @Sendable (any Activation) -> any Layer) {
    activationLayer = wrap
  }

  private static func insert<Product>(
    _ entry: ComponentEntry<Product>, into table: inout [String: ComponentEntry<Product>], kind: ComponentKind,
    duplicates: inout [(ComponentKind, String)]
  ) {
    if table[entry.name] != nil { duplicates.append((kind, entry.name)) }
    table[entry.name] = entry
  }
}
