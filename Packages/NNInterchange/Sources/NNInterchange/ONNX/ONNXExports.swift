import NNCore
import NNLayers

/// How each component becomes ONNX nodes: the built-in layers and activations, and any a program registers for
/// its own components.
///
/// An export receives the component, the name of its input value and the graph being built, adds its nodes, and
/// returns the name of its output. The built-in ones use operators ONNX Runtime's CPU kernels run in float64 (see
/// ``builtIn``); a component with no export is refused by ``ONNXExporter`` with its name.
///
/// ```swift
/// var exports = ONNXExports.builtIn
/// exports.register(activation: "soft_gate") { activation, input, graph in
///   graph.add("Mul", [input, graph.add("Sigmoid", [input])])     // x·σ(x)
/// }
/// let data = try ONNXExporter(exports: exports).export(model)
/// ```
public struct ONNXExports: Sendable {
  /// Adds the nodes of an activation applied to `input`; returns the output's name.
  public typealias ActivationExport =
    @Sendable (_ activation: any Activation, _ input: String, _ graph: inout ONNXGraphBuilder) throws -> String
  /// Adds the nodes of a layer with its parameters applied to `input`; returns the output's name.
  public typealias LayerExport =
    @Sendable (_ layer: any Layer, _ parameters: [Matrix], _ input: String, _ graph: inout ONNXGraphBuilder) throws
    -> String

  /// Activations' exports by registry name.
  var activations: [String: ActivationExport] = [:]
  /// Layers' exports by registry name.
  var layers: [String: LayerExport] = [:]

  /// No exports.
  public init() {}

  /// Registers (or replaces) the export of the activation named `name`.
  ///
  /// - Parameters:
  ///   - name: The activation's registry name.
  ///   - export: Its nodes.
  public mutating func register(activation name: String, _ export: @escaping ActivationExport) {
    activations[name] = export
  }

  /// Registers (or replaces) the export of the layer named `name`.
  ///
  /// - Parameters:
  ///   - name: The layer's registry name.
  ///   - export: Its nodes.
  public mutating func register(layer name: String, _ export: @escaping LayerExport) {
    layers[name] = export
  }

  /// The names with an export, activations and layers, sorted.
  public var names: [String] { (Array(activations.keys) + Array(layers.keys)).sorted() }
}
