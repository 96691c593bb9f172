import NNCore

/// The maxout nonlinearity on its own: the max over each group of `pieces` adjacent inputs, so `k·n` inputs
/// give `n` outputs. No parameters.
///
/// ```
/// yⱼ = maxₚ x_{j·k+p}        (k = pieces, 0 ≤ p < k, 0 ≤ j < n)
/// ∂L/∂x_{j·k+p} = ∂L/∂yⱼ for the winning p (the first on ties), else 0
/// ```
/// After `dense(n·k)` it makes a maxout unit layer, the same function as ``Maxout`` with `n` units.
public struct MaxoutPool: Layer {
  /// The group size `k`.
  public let pieces: Int

  /// A maxout pooling layer.
  ///
  /// - Parameter pieces: The number of inputs per output, at least 1 (default 2).
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for `pieces < 1`.
  public init(pieces: Int = 2) throws {
    try MaxoutPooling.validate(pieces: pieces, component: "maxout_pool")
    self.pieces = pieces
  }

  /// `maxout_pool(pieces=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "maxout_pool", arguments: ["pieces": .integer(pieces)])
  }

  /// `inputWidth / pieces`.
  ///
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` when `pieces` does not divide
  ///   `inputWidth`.
  public func outputWidth(inputWidth: Int) throws -> Int {
    guard inputWidth % pieces == 0, inputWidth >= pieces else {
      throw ComponentError.invalidArgument(
        component: "maxout_pool", parameter: "pieces",
        reason: "\(pieces) pieces must divide the input width, got \(inputWidth) inputs")
    }
    return inputWidth / pieces
  }

  /// One matrix: the winning piece of each output.
  public func makeWorkspace(inputWidth: Int) -> LayerWorkspace {
    LayerWorkspace([Matrix(rows: 0, columns: inputWidth / pieces)])
  }

  /// `yⱼ = maxₚ x_{j·k+p}`, recording the winners.
  public func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    MaxoutPooling.forward(input, pieces: pieces, into: &output, winners: &workspace.matrices[0])
  }

  /// `∂L/∂x` is `∂L/∂y` at each winning input, zero elsewhere.
  public func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    guard computeInputGradient else { return }
    MaxoutPooling.backward(outputGradient, pieces: pieces, winners: workspace.matrices[0], into: &inputGradient)
  }
}
