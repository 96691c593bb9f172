import NNCore

/// Trains a ``Sequential`` network by backpropagation: forward, loss, backward, optimizer update.
///
/// One ``step(inputs:targets:random:)`` on a mini-batch of `N` rows:
/// ```
/// a₀ = x,  aₗ = layerₗ(aₗ₋₁; θₗ)                     forward
/// L = loss(a_last, t)                                  the loss
/// gₗ = ∂L/∂aₗ,  gₗ₋₁ = layerₗ.backward(gₗ)              backward, with ∂L/∂θₗ
/// θ ← optimizer.update(θ, ∂L/∂θ, state)                 update
/// ```
/// When the loss fuses the network's final activation (``Loss/fusedActivation``, as `softmax_cross_entropy`
/// fuses `softmax`), training stops before that layer and the loss takes its input.
///
/// Buffers for every layer's output and gradient are sized at the first batch and reused: after the largest
/// batch has been seen, a step allocates nothing.
public struct Trainer {
  /// The network being trained.
  public private(set) var network: Sequential
  /// The loss minimised.
  public let loss: any Loss
  /// The update rule.
  public let optimizer: any Optimizer
  /// The optimizer's state, one per parameter matrix, by layer.
  public var optimizerState: [[ParameterState]]
  /// The learning rate of the next step; starts at the optimizer's.
  public var learningRate: Double
  /// The number of layers applied in training (all, or all but a fused final activation).
  public let trainedLayerCount: Int

  private var outputs: [Matrix]
  private var outputGradients: [Matrix]
  /// `∂L/∂θ` from the last step, by layer, shaped like ``Sequential/parameters``.
  public private(set) var parameterGradients: [[Matrix]]
  private var workspaces: [LayerWorkspace]
  private var unusedInputGradient = Matrix(rows: 0, columns: 0)

  /// A trainer for `network`.
  ///
  /// - Parameters:
  ///   - network: The network to train.
  ///   - loss: The loss to minimise.
  ///   - optimizer: The update rule.
  public init(network: Sequential, loss: any Loss, optimizer: any Optimizer) {
    self.network = network
    self.loss = loss
    self.optimizer = optimizer
    self.learningRate = optimizer.learningRate
    self.optimizerState = network.parameters.map { $0.map(optimizer.makeState(for:)) }
    let last = network.layers.last
    if let fused = loss.fusedActivation, let last, last.configuration.name == fused,
      last.parameterShapes(inputWidth: network.widths[network.layers.count - 1]).isEmpty
    {
      trainedLayerCount = network.layers.count - 1
    } else {
      trainedLayerCount = network.layers.count
    }
    let widths = network.widths
    outputs = (0..<network.layers.count).map { Matrix(rows: 0, columns: widths[$0 + 1]) }
    outputGradients = outputs
    parameterGradients = network.parameters.map { $0.map { Matrix(rows: $0.rows, columns: $0.columns) } }
    workspaces = network.layers.enumerated().map { $1.makeWorkspace(inputWidth: widths[$0]) }
  }

  /// The width of what the loss compares with the targets.
  public var lossWidth: Int { network.widths[trainedLayerCount] }

  /// One training step on a mini-batch; returns the batch's loss before the update.
  ///
  /// - Parameters:
  ///   - inputs: `N` rows of ``Sequential/inputWidth`` features.
  ///   - targets: `N` rows of ``lossWidth`` targets.
  ///   - random: The source for random layers (dropout).
  /// - Throws: ``NetworkError`` when the batch's shape is wrong.
  @discardableResult
  public mutating func step(inputs: Matrix, targets: Matrix, random: RandomSource) throws -> Double {
    let value = try computeGradients(inputs: inputs, targets: targets, random: random)
    for layer in 0..<network.layers.count {
      for index in 0..<network.parameters[layer].count {
        optimizer.update(
          &network.parameters[layer][index], gradient: parameterGradients[layer][index],
          state: &optimizerState[layer][index], learningRate: learningRate)
      }
    }
    return value
  }

  /// Forward and backward passes without an update: fills ``parameterGradients`` and returns the loss.
  ///
  /// - Parameters:
  ///   - inputs: `N` rows of ``Sequential/inputWidth`` features.
  ///   - targets: `N` rows of ``lossWidth`` targets.
  ///   - random: The source for random layers (dropout).
  /// - Throws: ``NetworkError`` when the batch's shape is wrong.
  public mutating func computeGradients(inputs: Matrix, targets: Matrix, random: RandomSource) throws -> Double {
    try check(inputs: inputs, targets: targets)
    let count = trainedLayerCount
    let batch = inputs.rows
    let widths = network.widths
    for layer in 0..<count {
      outputs[layer].resize(rows: batch, columns: widths[layer + 1])
      outputGradients[layer].resize(rows: batch, columns: widths[layer + 1])
      if layer == 0 {
        network.layers[0].forward(
          inputs, parameters: network.parameters[0], into: &outputs[0], workspace: &workspaces[0],
          mode: .training(random))
      } else {
        network.layers[layer].forward(
          outputs[layer - 1], parameters: network.parameters[layer], into: &outputs[layer],
          workspace: &workspaces[layer], mode: .training(random))
      }
    }
    guard count > 0 else { return loss.value(predictions: inputs, targets: targets) }
    let value = loss.gradient(predictions: outputs[count - 1], targets: targets, into: &outputGradients[count - 1])
    for layer in stride(from: count - 1, through: 0, by: -1) {
      if layer == 0 {
        network.layers[0].backward(
          input: inputs, output: outputs[0], outputGradient: outputGradients[0],
          parameters: network.parameters[0], parameterGradients: &parameterGradients[0],
          inputGradient: &unusedInputGradient, computeInputGradient: false, workspace: &workspaces[0])
      } else {
        network.layers[layer].backward(
          input: outputs[layer - 1], output: outputs[layer], outputGradient: outputGradients[layer],
          parameters: network.parameters[layer], parameterGradients: &parameterGradients[layer],
          inputGradient: &outputGradients[layer - 1], computeInputGradient: true, workspace: &workspaces[layer])
      }
    }
    return value
  }

  /// The loss over `inputs` and the network's full outputs (final activation applied), in inference mode.
  ///
  /// - Parameters:
  ///   - inputs: Rows of features.
  ///   - targets: Rows of targets.
  /// - Throws: ``NetworkError`` when the shapes are wrong.
  public func evaluate(inputs: Matrix, targets: Matrix) throws -> (loss: Double, outputs: Matrix) {
    try check(inputs: inputs, targets: targets)
    let lossInputs = try network.predict(inputs, layerCount: trainedLayerCount)
    let value = loss.value(predictions: lossInputs, targets: targets)
    guard trainedLayerCount < network.layers.count else { return (value, lossInputs) }
    var outputs = Matrix(rows: inputs.rows, columns: network.outputWidth)
    var workspace = LayerWorkspace()
    network.layers[trainedLayerCount].forward(
      lossInputs, parameters: [], into: &outputs, workspace: &workspace, mode: .inference)
    return (value, outputs)
  }

  private func check(inputs: Matrix, targets: Matrix) throws {
    guard inputs.rows > 0 else { throw NetworkError.emptyBatch }
    guard inputs.columns == network.inputWidth else {
      throw NetworkError.widthMismatch(what: "inputs", expected: network.inputWidth, found: inputs.columns)
    }
    guard targets.columns == lossWidth else {
      throw NetworkError.widthMismatch(what: "targets", expected: lossWidth, found: targets.columns)
    }
    guard targets.rows == inputs.rows else {
      throw NetworkError.widthMismatch(what: "target rows", expected: inputs.rows, found: targets.rows)
    }
  }
}
