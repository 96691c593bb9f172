import NNCore

/// A network that applies its layers one after another: `y = layerₙ(… layer₂(layer₁(x)))`.
///
/// A `Sequential` is a value: its layers (configurations) and their parameters. Training state (buffers,
/// optimizer state) lives in a ``Trainer``.
///
/// A network computes in one ``/NNCore/ElementType``, its parameters' (``elementType``): `float64` unless it is
/// made with `elementType: .float32` or converted (``converted(to:)``). Its inputs may be of either type; they are
/// converted to the network's.
///
/// ```swift
/// let random = RandomSource(seed: 1)
/// let network = try Sequential(
///   inputWidth: 4,
///   layers: [try Dense(units: 12), ActivationLayer(Sigmoid()), try Dense(units: 3), ActivationLayer(Softmax())],
///   initializer: XavierUniformInitializer(), random: random)
/// let probabilities = try network.predict(features)
/// ```
public struct Sequential: Sendable {
  /// The width of each input row.
  public let inputWidth: Int
  /// The layers, first to last.
  public let layers: [any Layer]
  /// Each layer's parameters, in the order of its ``/NNCore/Layer/parameterShapes(inputWidth:)``.
  public internal(set) var parameters: [[Matrix]]
  /// `widths[0]` is the input width, `widths[i + 1]` the output width of layer `i`.
  public let widths: [Int]

  /// A network with freshly initialised parameters, as each ``/NNCore/ParameterShape/role`` says: weights drawn from
  /// `initializer` in layer order, constants (biases at zero, gains at one) filled in.
  ///
  /// - Parameters:
  ///   - inputWidth: The number of input features.
  ///   - layers: The layers, first to last.
  ///   - initializer: Draws the weights.
  ///   - random: The source the initializer draws from.
  ///   - elementType: The type the network computes in; `float64` unless given. The weights are drawn in `Double`
  ///     and rounded, so one seed gives the same weights in both types up to rounding.
  /// - Throws: ``NetworkError`` when a layer cannot take the width before it, or would have more parameters than
  ///   ``maximumParametersPerLayer``.
  public init(
    inputWidth: Int, layers: [any Layer], initializer: any Initializer, random: RandomSource,
    elementType: ElementType = .float64
  ) throws {
    let widths = try Sequential.widths(inputWidth: inputWidth, layers: layers)
    try Sequential.checkParameterCounts(layers: layers, widths: widths)
    var parameters: [[Matrix]] = []
    for (index, layer) in layers.enumerated() {
      parameters.append(
        layer.parameterShapes(inputWidth: widths[index]).map { shape in
          switch shape.role {
          case .weight:
            var matrix = Matrix(rows: shape.rows, columns: shape.columns)
            initializer.initialize(&matrix, fanIn: shape.fanIn, fanOut: shape.fanOut, random: random)
            return matrix.converted(to: elementType)
          case .constant(let value):
            return Matrix(rows: shape.rows, columns: shape.columns, repeating: value, elementType: elementType)
          }
        })
    }
    self.inputWidth = inputWidth
    self.layers = layers
    self.widths = widths
    self.parameters = parameters
    self.elementType = elementType
  }

  /// A network with the given parameters, checked against what the layers need.
  ///
  /// The network's element type is its parameters', which must all have one (a network without parameters is
  /// `float64`).
  ///
  /// - Parameters:
  ///   - inputWidth: The number of input features.
  ///   - layers: The layers, first to last.
  ///   - parameters: Each layer's parameters.
  /// - Throws: ``NetworkError`` on any count, shape or element type mismatch, or for a layer with more parameters
  ///   than ``maximumParametersPerLayer``.
  public init(inputWidth: Int, layers: [any Layer], parameters: [[Matrix]]) throws {
    let widths = try Sequential.widths(inputWidth: inputWidth, layers: layers)
    try Sequential.checkParameterCounts(layers: layers, widths: widths)
    guard parameters.count == layers.count else {
      throw NetworkError.parameterMismatch(
        layer: min(parameters.count, layers.count), name: "layers", expected: "\(layers.count) layers",
        found: "\(parameters.count)")
    }
    let elementType = parameters.joined().first?.elementType ?? .float64
    for (index, layer) in layers.enumerated() {
      let shapes = layer.parameterShapes(inputWidth: widths[index])
      guard shapes.count == parameters[index].count else {
        throw NetworkError.parameterMismatch(
          layer: index, name: "parameters", expected: "\(shapes.count) matrices",
          found: "\(parameters[index].count)")
      }
      for (shape, matrix) in zip(shapes, parameters[index])
      where shape.rows != matrix.rows || shape.columns != matrix.columns {
        throw NetworkError.parameterMismatch(
          layer: index, name: shape.name, expected: "\(shape.rows)×\(shape.columns)",
          found: "\(matrix.rows)×\(matrix.columns)")
      }
      for (shape, matrix) in zip(shapes, parameters[index]) where matrix.elementType != elementType {
        throw NetworkError.parameterMismatch(
          layer: index, name: shape.name, expected: "\(elementType) elements, as the first parameter",
          found: "\(matrix.elementType)")
      }
    }
    self.inputWidth = inputWidth
    self.layers = layers
    self.widths = widths
    self.parameters = parameters
    self.elementType = elementType
  }

  /// The element type the network computes in: its parameters' (`float64` for a network without parameters).
  public private(set) var elementType: ElementType

  /// This network computing in `elementType`: its parameters widened exactly or rounded to nearest.
  ///
  /// - Parameter elementType: The type of the result's parameters.
  public func converted(to elementType: ElementType) -> Sequential {
    var result = self
    result.parameters = parameters.map { $0.map { $0.converted(to: elementType) } }
    result.elementType = elementType
    return result
  }

  /// The width of each output row.
  public var outputWidth: Int { widths[widths.count - 1] }

  /// The number of learned values.
  public var parameterCount: Int { parameters.joined().reduce(0) { $0 + $1.count } }

  /// The outputs for `inputs`, in inference mode (one sample a row), in the network's ``elementType``.
  ///
  /// - Parameter inputs: A batch with ``inputWidth`` columns.
  /// - Throws: ``NetworkError/widthMismatch(what:expected:found:)`` for the wrong width.
  public func predict(_ inputs: Matrix) throws -> Matrix {
    try predict(inputs, layerCount: layers.count)
  }

  /// The outputs of the first `layerCount` layers for `inputs`, in inference mode.
  ///
  /// - Parameters:
  ///   - inputs: A batch with ``inputWidth`` columns.
  ///   - layerCount: How many layers to apply, from the first.
  public func predict(_ inputs: Matrix, layerCount: Int) throws -> Matrix {
    guard inputs.columns == inputWidth else {
      throw NetworkError.widthMismatch(what: "inputs", expected: inputWidth, found: inputs.columns)
    }
    var current = inputs.converted(to: elementType)
    for index in 0..<layerCount {
      var output = Matrix(rows: inputs.rows, columns: widths[index + 1], elementType: elementType)
      layers[index].forwardInAnyType(current, parameters: parameters[index], into: &output, mode: .inference)
      current = output
    }
    return current
  }

  /// Replaces one parameter matrix, keeping its shape and element type (for tests and tools).
  ///
  /// - Parameters:
  ///   - value: The new values, of the parameter's shape and element type.
  ///   - layer: The layer index.
  ///   - index: The parameter index within the layer.
  public mutating func setParameter(_ value: Matrix, layer: Int, index: Int) {
    parameters[layer][index].requireSameShape(as: value, "setParameter")
    parameters[layer][index].requireSameElementType(as: value, "setParameter")
    parameters[layer][index] = value
  }

  private static func widths(inputWidth: Int, layers: [any Layer]) throws -> [Int] {
    guard inputWidth >= 1 else { throw NetworkError.invalidInputWidth(inputWidth) }
    var widths = [inputWidth]
    for (index, layer) in layers.enumerated() {
      do {
        widths.append(try layer.outputWidth(inputWidth: widths[index]))
      } catch {
        throw NetworkError.incompatibleLayer(
          index: index, name: layer.configuration.description, reason: "\(error)")
      }
    }
    return widths
  }
}
