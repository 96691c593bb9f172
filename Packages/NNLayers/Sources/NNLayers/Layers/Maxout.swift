import NNCore

/// A maxout layer: `pieces` linear maps of the input, and each output the largest of its pieces.
///
/// ```
/// z = x · W + b                    W: inputs × units·k,  b: 1 × units·k  (k = pieces)
/// yⱼ = maxₚ z_{j·k+p}              output j takes the best of its k pieces (columns j·k … j·k+k−1)
/// ∂L/∂z_{j·k+p} = ∂L/∂yⱼ for the winning p (the first on ties), else 0
/// ∂L/∂W = xᵀ · ∂L/∂z        ∂L/∂b = Σᵢ (∂L/∂z)ᵢ        ∂L/∂x = ∂L/∂z · Wᵀ
/// ```
/// The same function as `dense(units·k)` followed by ``MaxoutPool`` with `k` pieces, in one layer; the
/// winning pieces are kept in the workspace for the backward pass. Weights are drawn with
/// `fanIn = inputs`, `fanOut = units·k`; the bias starts at zero.
public struct Maxout: Layer {
  /// The number of outputs `n`.
  public let units: Int
  /// The number of linear pieces `k` per output.
  public let pieces: Int
  /// Whether the linear pieces have a bias.
  public let bias: Bool

  /// A maxout layer.
  ///
  /// - Parameters:
  ///   - units: The number of outputs, at least 1.
  ///   - pieces: The number of linear pieces per output, at least 1 (default 2).
  ///   - bias: Whether the pieces add a learned bias (default `true`).
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for `units < 1`,
  ///   `pieces < 1`, or `units · pieces` (the columns of the weight) beyond ``Sequential/maximumParametersPerLayer``.
  public init(units: Int, pieces: Int = 2, bias: Bool = true) throws {
    guard units >= 1 else {
      throw ComponentError.invalidArgument(
        component: "maxout", parameter: "units", reason: "must be at least 1, got \(units)")
    }
    try MaxoutPooling.validate(pieces: pieces, component: "maxout")
    let (features, overflow) = units.multipliedReportingOverflow(by: pieces)
    guard !overflow, features <= Sequential.maximumParametersPerLayer else {
      throw ComponentError.invalidArgument(
        component: "maxout", parameter: "pieces",
        reason: "units × pieces must be at most \(Sequential.maximumParametersPerLayer) (a layer's parameter limit), "
          + "got \(units) × \(pieces)")
    }
    self.units = units
    self.pieces = pieces
    self.bias = bias
  }

  /// `maxout(units=…, pieces=…, bias=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "maxout", arguments: ["units": .integer(units), "pieces": .integer(pieces), "bias": .boolean(bias)])
  }

  /// ``units``.
  public func outputWidth(inputWidth: Int) throws -> Int { units }

  /// `weight` (inputs × units·pieces) and, with a bias, `bias` (1 × units·pieces).
  public func parameterShapes(inputWidth: Int) -> [ParameterShape] {
    let features = units * pieces
    var shapes = [
      ParameterShape(
        name: "weight", rows: inputWidth, columns: features, fanIn: inputWidth, fanOut: features, role: .weight)
    ]
    if bias {
      shapes.append(
        ParameterShape(name: "bias", rows: 1, columns: features, fanIn: inputWidth, fanOut: features, role: .bias))
    }
    return shapes
  }

  /// Three matrices: the features `z`, the winning piece of each output, and `∂L/∂z`.
  public func makeWorkspace(inputWidth: Int) -> LayerWorkspace {
    LayerWorkspace([
      Matrix(rows: 0, columns: units * pieces), Matrix(rows: 0, columns: units),
      Matrix(rows: 0, columns: units * pieces),
    ])
  }

  /// `z = x · W + b`, then `yⱼ = maxₚ z_{j·k+p}`, recording the winners.
  public func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    workspace.matrices[0].resize(rows: input.rows, columns: units * pieces)
    Matrix.multiply(input, parameters[0], into: &workspace.matrices[0])
    if bias { workspace.matrices[0].addToEachRow(parameters[1]) }
    MaxoutPooling.forward(workspace.matrices[0], pieces: pieces, into: &output, winners: &workspace.matrices[1])
  }

  /// Routes `∂L/∂y` to the winning pieces, then `∂L/∂W = xᵀ · ∂L/∂z`, `∂L/∂b = Σᵢ (∂L/∂z)ᵢ`,
  /// `∂L/∂x = ∂L/∂z · Wᵀ`.
  public func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    MaxoutPooling.backward(
      outputGradient, pieces: pieces, winners: workspace.matrices[1], into: &workspace.matrices[2])
    let featureGradient = workspace.matrices[2]
    Matrix.multiply(input, transposeA: true, featureGradient, into: &parameterGradients[0])
    if bias { featureGradient.sumColumns(into: &parameterGradients[1]) }
    if computeInputGradient {
      Matrix.multiply(featureGradient, parameters[0], transposeB: true, into: &inputGradient)
    }
  }
}
