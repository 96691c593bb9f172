import Foundation
import NNCore

/// Builds an ONNX graph node by node: names every value, keeps the constants (initializers), and records the
/// operators used.
///
/// Values are named `name_1`, `name_2`, … in order, so exported files are the same from run to run. Constants are
/// float64 (or float32) tensors stored as raw little-endian bytes.
public struct ONNXGraphBuilder {
  /// The nodes so far.
  var nodes: [Onnx_NodeProto] = []
  /// The constants so far.
  var initializers: [Onnx_TensorProto] = []
  /// The operators used, in the order first used.
  public private(set) var operators: [String] = []
  /// The element type of every tensor.
  public let elementType: ONNXElementType
  /// How many values have been named.
  private var count = 0

  /// A builder for a graph of `elementType` tensors.
  ///
  /// - Parameter elementType: The tensors' element type.
  init(elementType: ONNXElementType) {
    self.elementType = elementType
  }

  /// A fresh value name.
  ///
  /// - Parameter stem: What the value is.
  mutating func name(_ stem: String) -> String {
    count += 1
    return "\(stem)_\(count)"
  }

  /// Adds a node of `operatorType` on `inputs`; returns its output's name.
  ///
  /// - Parameters:
  ///   - operatorType: The ONNX operator (`Gemm`, `Sigmoid`, …).
  ///   - inputs: The names of its inputs.
  ///   - attributes: Its attributes.
  ///   - output: The output's name (by default a fresh one).
  /// - Returns: The name of its (first) output.
  @discardableResult
  public mutating func add(
    _ operatorType: String, _ inputs: [String], attributes: [ONNXAttribute] = [], output: String? = nil
  ) -> String {
    let output = output ?? name(operatorType.lowercased())
    var node = Onnx_NodeProto()
    node.opType = operatorType
    node.name = output
    node.input = inputs
    node.output = [output]
    node.attribute = attributes.map(\.proto)
    nodes.append(node)
    if !operators.contains(operatorType) { operators.append(operatorType) }
    return output
  }

  /// Adds a constant tensor of `values` with the given shape; returns its name.
  ///
  /// - Parameters:
  ///   - values: The elements, row-major.
  ///   - shape: The dimensions (`[]` for a scalar).
  ///   - stem: What the constant is.
  /// - Returns: The constant's name.
  public mutating func constant(_ values: [Double], shape: [Int], stem: String = "constant") -> String {
    let tensorName = name(stem)
    var tensor = Onnx_TensorProto()
    tensor.name = tensorName
    tensor.dims = shape.map(Int64.init)
    tensor.dataType = elementType.code
    tensor.rawData = elementType.bytes(of: values)
    initializers.append(tensor)
    return tensorName
  }

  /// A constant tensor of 64-bit integers (a shape, axes); returns its name.
  ///
  /// - Parameters:
  ///   - values: The elements.
  ///   - stem: What the constant is.
  public mutating func integers(_ values: [Int], stem: String) -> String {
    let tensorName = name(stem)
    var tensor = Onnx_TensorProto()
    tensor.name = tensorName
    tensor.dims = [Int64(values.count)]
    tensor.dataType = 7
    tensor.int64Data = values.map(Int64.init)
    initializers.append(tensor)
    return tensorName
  }

  /// A scalar constant.
  ///
  /// - Parameter value: The value.
  public mutating func scalar(_ value: Double) -> String {
    constant([value], shape: [], stem: "scalar")
  }

  /// A matrix constant.
  ///
  /// - Parameters:
  ///   - matrix: The matrix.
  ///   - stem: What it is.
  public mutating func constant(_ matrix: Matrix, stem: String) -> String {
    constant(matrix.elements, shape: [matrix.rows, matrix.columns], stem: stem)
  }

  /// A matrix constant holding `matrix` transposed (a dense layer's weights as ONNX's `Gemm` takes them with
  /// `transB = 1`, out × in, as PyTorch's `Linear.weight`).
  ///
  /// - Parameters:
  ///   - matrix: The matrix, in × out.
  ///   - stem: What it is.
  public mutating func transposedConstant(_ matrix: Matrix, stem: String) -> String {
    var values = [Double](repeating: 0, count: matrix.count)
    for row in 0..<matrix.rows {
      for column in 0..<matrix.columns { values[column * matrix.rows + row] = matrix[row, column] }
    }
    return constant(values, shape: [matrix.columns, matrix.rows], stem: stem)
  }
}

/// An attribute of an ONNX node.
public struct ONNXAttribute {
  /// The attribute as ONNX stores it.
  let proto: Onnx_AttributeProto

  /// An integer attribute.
  ///
  /// - Parameters:
  ///   - name: The attribute's name (`transB`, `axis`).
  ///   - value: Its value.
  public static func integer(_ name: String, _ value: Int) -> ONNXAttribute {
    var proto = Onnx_AttributeProto()
    proto.name = name
    proto.type = .int
    proto.i = Int64(value)
    return ONNXAttribute(proto: proto)
  }

  /// A float attribute (ONNX's attributes are float32).
  ///
  /// - Parameters:
  ///   - name: The attribute's name (`alpha`).
  ///   - value: Its value.
  public static func float(_ name: String, _ value: Float) -> ONNXAttribute {
    var proto = Onnx_AttributeProto()
    proto.name = name
    proto.type = .float
    proto.f = value
    return ONNXAttribute(proto: proto)
  }
}

/// The element type of an exported graph's tensors.
public enum ONNXElementType: Sendable {
  /// float64 (`TensorProto.DOUBLE`), as nn trains.
  case double
  /// float32 (`TensorProto.FLOAT`).
  case float

  /// The ONNX type of `elementType`'s elements: ``double`` for `float64`, ``float`` for `float32`.
  ///
  /// - Parameter elementType: A matrix element type.
  public init(_ elementType: ElementType) {
    switch elementType {
    case .float64: self = .double
    case .float32: self = .float
    }
  }

  /// ONNX's code for it.
  var code: Int32 {
    switch self {
    case .double: return 11
    case .float: return 1
    }
  }

  /// The little-endian bytes of `values` in this type.
  ///
  /// - Parameter values: The values.
  func bytes(of values: [Double]) -> Data {
    var data = Data(capacity: values.count * 8)
    switch self {
    case .double:
      for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    case .float:
      for value in values {
        withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    }
    return data
  }
}
