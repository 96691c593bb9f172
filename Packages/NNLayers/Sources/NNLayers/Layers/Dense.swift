import NNCore

/// A fully connected layer: every output is a weighted sum of every input, plus a bias.
///
/// ```
/// y = x · W + b        W: inputs × units,  b: 1 × units (added to every row)
/// ∂L/∂W = xᵀ · ∂L/∂y        ∂L/∂b = Σᵢ (∂L/∂y)ᵢ        ∂L/∂x = ∂L/∂y · Wᵀ
/// ```
/// Products go through CBLAS (OpenBLAS). Weights are drawn by the network's initializer with
/// `fanIn = inputs`, `fanOut = units`; the bias starts at zero. The seeds' networks have no bias
/// (`dense(units=12, bias=false)`).
public struct Dense: Layer {
  /// The number of outputs.
  public let units: Int
  /// Whether the layer adds a bias.
  public let bias: Bool

  /// A dense layer.
  ///
  /// - Parameters:
  ///   - units: The number of outputs, from 1 to ``Sequential/maximumParametersPerLayer`` (each output has at least
  ///     one weight; the network checks `inputs · units + units` against the limit once it knows the inputs).
  ///   - bias: Whether to add a learned bias (default `true`).
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for `units` out of range.
  public init(units: Int, bias: Bool = true) throws {
    guard units >= 1 else {
      throw ComponentError.invalidArgument(
        component: "dense", parameter: "units", reason: "must be at least 1, got \(units)")
    }
    guard units <= Sequential.maximumParametersPerLayer else {
      throw ComponentError.invalidArgument(
        component: "dense", parameter: "units",
        reason: "must be at most \(Sequential.maximumParametersPerLayer) (a layer's parameter limit), got \(units)")
    }
    self.units = units
    self.bias = bias
  }

  /// `dense(units=…, bias=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "dense", arguments: ["units": .integer(units), "bias": .boolean(bias)])
  }

  /// Both element types: the products run on `dgemm` or `sgemm`.
  public var supportedElementTypes: Set<ElementType> { Set(ElementType.allCases) }

  /// ``units``.
  public func outputWidth(inputWidth: Int) throws -> Int { units }

  /// `weight` (inputs × units) and, with a bias, `bias` (1 × units).
  public func parameterShapes(inputWidth: Int) -> [ParameterShape] {
    var shapes = [
      ParameterShape(
        name: "weight", rows: inputWidth, columns: units, fanIn: inputWidth, fanOut: units, role: .weight)
    ]
    if bias {
      shapes.append(
        ParameterShape(name: "bias", rows: 1, columns: units, fanIn: inputWidth, fanOut: units, role: .bias))
    }
    return shapes
  }

  /// `y = x · W + b`.
  public func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    Self.product(input, weights: parameters[0], into: &output)
    if bias { output.addToEachRow(parameters[1]) }
  }

  /// `x · W`: the forward pass without the bias (which the trainer may fuse with the activation after the layer).
  ///
  /// - Parameters:
  ///   - input: `x`, one row per sample.
  ///   - weights: `W`.
  ///   - output: Receives `x · W`.
  static func product(_ input: Matrix, weights: Matrix, into output: inout Matrix) {
    Matrix.multiply(input, weights, into: &output)
  }

  /// `∂L/∂W = xᵀ · ∂L/∂y`, `∂L/∂b = Σᵢ (∂L/∂y)ᵢ`, `∂L/∂x = ∂L/∂y · Wᵀ`.
  public func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    if bias { outputGradient.sumColumns(into: &parameterGradients[1]) }
    Self.productGradients(
      input: input, outputGradient: outputGradient, weights: parameters[0], weightGradient: &parameterGradients[0],
      inputGradient: &inputGradient, computeInputGradient: computeInputGradient)
  }

  /// `∂L/∂W = xᵀ · ∂L/∂y` and, when asked, `∂L/∂x = ∂L/∂y · Wᵀ`: the backward pass without the bias gradient
  /// (which the trainer may fuse with the activation's backward pass).
  ///
  /// - Parameters:
  ///   - input: `x`, one row per sample.
  ///   - outputGradient: `∂L/∂y`.
  ///   - weights: `W`.
  ///   - weightGradient: Receives `∂L/∂W`.
  ///   - inputGradient: Receives `∂L/∂x` when `computeInputGradient`.
  ///   - computeInputGradient: Whether `∂L/∂x` is needed.
  static func productGradients(
    input: Matrix, outputGradient: Matrix, weights: Matrix, weightGradient: inout Matrix, inputGradient: inout Matrix,
    computeInputGradient: Bool
  ) {
    Self.weightGradient(input: input, outputGradient: outputGradient, into: &weightGradient)
    if computeInputGradient { Matrix.multiply(outputGradient, weights, transposeB: true, into: &inputGradient) }
  }

  /// `∂L/∂W = xᵀ · ∂L/∂y`: the product of the weights' gradient (also the trainer's, when it computes again a
  /// gradient whose update a step folded into this product).
  ///
  /// - Parameters:
  ///   - input: `x`, one row per sample.
  ///   - outputGradient: `∂L/∂y`.
  ///   - weightGradient: Receives `∂L/∂W`.
  static func weightGradient(input: Matrix, outputGradient: Matrix, into weightGradient: inout Matrix) {
    Matrix.multiply(input, transposeA: true, outputGradient, into: &weightGradient)
  }

  /// The backward pass's products with the optimizer's step folded into the weight gradient's: first
  /// `∂L/∂x = ∂L/∂y · Wᵀ` (when asked) from the weights before the step, then `W ← a W + b xᵀ · ∂L/∂y` in one product,
  /// `∂L/∂W` never stored.
  ///
  /// - Parameters:
  ///   - input: `x`, one row per sample.
  ///   - outputGradient: `∂L/∂y`.
  ///   - weights: `W`, updated in place.
  ///   - update: The step `θ ← a θ + b ∇`.
  ///   - inputGradient: Receives `∂L/∂x` when `computeInputGradient`.
  ///   - computeInputGradient: Whether `∂L/∂x` is needed.
  static func productGradients(
    input: Matrix, outputGradient: Matrix, updating weights: inout Matrix, by update: LinearUpdate,
    inputGradient: inout Matrix, computeInputGradient: Bool
  ) {
    if computeInputGradient { Matrix.multiply(outputGradient, weights, transposeB: true, into: &inputGradient) }
    Matrix.multiply(
      input, transposeA: true, outputGradient, alpha: update.gradientScale, beta: update.parameterScale,
      into: &weights)
  }
}
