import Foundation
import NNCore
import NNData
import NNLayers
import SwiftProtobuf

/// Writes a trained network as an ONNX model (opset 18), which ONNX Runtime and every major framework read.
///
/// The graph takes `input`, a batch of rows `[N, inputs]`, and gives `output`, the network's outputs `[N, outputs]`
/// (final activation included, as `nn predict` gives them). A stored standardisation becomes its first nodes,
/// `Div(Sub(input, mean), scale)`; each layer and activation becomes the nodes of its export (``ONNXExports``);
/// parameters are stored as initializers of the network's element type (float64, or float32 for a float32 network),
/// unless ``elementType`` names another.
///
/// ```swift
/// let model = try LoadedModel(path: "iris.json", registry: registry)
/// let bytes = try ONNXExporter().export(model.network, standardization: model.file.standardization)
/// ```
public struct ONNXExporter: Sendable {
  /// The opset the graph is written for.
  public static let opset = 18
  /// The ONNX IR version of the file (8: ONNX 1.13, the first with opset 18).
  public static let irVersion = 8

  /// How components become nodes.
  public var exports: ONNXExports
  /// The element type of the graph's tensors; `nil` for the network's own.
  public var elementType: ONNXElementType?

  /// An exporter.
  ///
  /// - Parameters:
  ///   - exports: How components become nodes (nn's own by default).
  ///   - elementType: The tensors' element type; the network's own unless given.
  public init(exports: ONNXExports = .builtIn, elementType: ONNXElementType? = nil) {
    self.exports = exports
    self.elementType = elementType
  }

  /// The ONNX model of `network`, with `standardization` applied to its inputs first, as bytes.
  ///
  /// - Parameters:
  ///   - network: The network.
  ///   - standardization: The standardisation of its inputs, if any.
  /// - Returns: The serialized `ModelProto`.
  /// - Throws: ``ONNXExportError`` naming a component without an export.
  public func export(_ network: Sequential, standardization: Standardization? = nil) throws -> Data {
    try exportReportingOperators(network, standardization: standardization).bytes
  }

  /// The ONNX model of `network` as bytes, with the operators its graph uses, in the order first used (the graph
  /// is built once for both).
  ///
  /// - Parameters:
  ///   - network: The network.
  ///   - standardization: The standardisation of its inputs, if any.
  /// - Throws: ``ONNXExportError`` naming a component without an export.
  public func exportReportingOperators(
    _ network: Sequential, standardization: Standardization? = nil
  ) throws -> (bytes: Data, operators: [String]) {
    let (graph, builder) = try graph(network, standardization: standardization)
    return (try model(graph).serializedBytes(), builder.operators)
  }

  /// The operators the graph of `network` uses, in the order first used.
  ///
  /// - Parameters:
  ///   - network: The network.
  ///   - standardization: The standardisation of its inputs, if any.
  public func operators(of network: Sequential, standardization: Standardization? = nil) throws -> [String] {
    try graph(network, standardization: standardization).builder.operators
  }

  /// The model message of a graph.
  func model(_ graph: Onnx_GraphProto) -> Onnx_ModelProto {
    var model = Onnx_ModelProto()
    model.irVersion = Int64(Self.irVersion)
    model.producerName = "nn"
    var opset = Onnx_OperatorSetIdProto()
    opset.domain = ""
    opset.version = Int64(Self.opset)
    model.opsetImport = [opset]
    model.graph = graph
    return model
  }

  /// The graph, and the builder that made it.
  func graph(
    _ network: Sequential, standardization: Standardization?
  ) throws -> (proto: Onnx_GraphProto, builder: ONNXGraphBuilder) {
    let elementType = elementType ?? ONNXElementType(network.elementType)
    var builder = ONNXGraphBuilder(elementType: elementType)
    var value = "input"
    if let standardization {
      guard standardization.featureCount == network.inputWidth else {
        throw ONNXExportError.standardization(
          "it has \(standardization.featureCount) features, the network takes \(network.inputWidth)")
      }
      let means = builder.constant(standardization.means, shape: [standardization.featureCount], stem: "mean")
      let scales = builder.constant(standardization.scales, shape: [standardization.featureCount], stem: "scale")
      value = builder.add("Div", [builder.add("Sub", [value, means]), scales])
    }
    for (index, layer) in network.layers.enumerated() {
      value = try node(of: layer, parameters: network.parameters[index], input: value, graph: &builder)
    }
    builder.add("Identity", [value], output: "output")
    var graph = Onnx_GraphProto()
    graph.name = "nn"
    graph.node = builder.nodes
    graph.initializer = builder.initializers
    graph.input = [valueInfo("input", columns: network.inputWidth, elementType: elementType)]
    graph.output = [valueInfo("output", columns: network.outputWidth, elementType: elementType)]
    return (graph, builder)
  }

  /// The nodes of one layer.
  private func node(
    of layer: any Layer, parameters: [Matrix], input: String, graph: inout ONNXGraphBuilder
  ) throws -> String {
    if let activationLayer = layer as? ActivationLayer {
      let name = activationLayer.activation.configuration.name
      guard let export = exports.activations[name] else {
        throw ONNXExportError.unsupported(component: name, kind: "activation")
      }
      return try export(activationLayer.activation, input, &graph)
    }
    let name = layer.configuration.name
    guard let export = exports.layers[name] else { throw ONNXExportError.unsupported(component: name, kind: "layer") }
    return try export(layer, parameters, input, &graph)
  }

  /// A graph input or output: a matrix of `columns` columns and any number of rows (`N`).
  private func valueInfo(_ name: String, columns: Int, elementType: ONNXElementType) -> Onnx_ValueInfoProto {
    var rows = Onnx_TensorShapeProto.Dimension()
    rows.dimParam = "N"
    var width = Onnx_TensorShapeProto.Dimension()
    width.dimValue = Int64(columns)
    var tensor = Onnx_TypeProto.Tensor()
    tensor.elemType = elementType.code
    tensor.shape.dim = [rows, width]
    var type = Onnx_TypeProto()
    type.tensorType = tensor
    var info = Onnx_ValueInfoProto()
    info.name = name
    info.type = type
    return info
  }
}
