import NNCore

/// Runs a layer that computes in `float64` only inside a network of another element type: its inputs, parameters
/// and upstream gradients are widened into `Double` buffers kept here, and its outputs and gradients rounded back.
///
/// The buffers are resized in place, so after the first batch of the largest size a step allocates nothing. The
/// layer's own workspace lives here too, made for `float64`.
struct WidenedLayer {
  /// The layer, which lists `float64` among its ``Layer/supportedElementTypes``.
  let layer: any Layer
  private var input = Matrix(rows: 0, columns: 0)
  private var output = Matrix(rows: 0, columns: 0)
  private var outputGradient = Matrix(rows: 0, columns: 0)
  private var inputGradient = Matrix(rows: 0, columns: 0)
  private var parameters: [Matrix]
  private var parameterGradients: [Matrix]
  private var workspace: LayerWorkspace

  /// Buffers for `layer` at inputs of width `inputWidth`, or `nil` when the layer computes in `elementType`
  /// itself.
  ///
  /// - Parameters:
  ///   - layer: The layer.
  ///   - inputWidth: The width of its input rows.
  ///   - elementType: The network's element type.
  init?(_ layer: any Layer, inputWidth: Int, elementType: ElementType) {
    guard !layer.supportedElementTypes.contains(elementType) else { return nil }
    precondition(
      layer.supportedElementTypes.contains(.float64),
      "\(layer.configuration.name) computes in neither \(elementType) nor float64")
    self.layer = layer
    let shapes = layer.parameterShapes(inputWidth: inputWidth)
    parameters = shapes.map { Matrix(rows: $0.rows, columns: $0.columns) }
    parameterGradients = parameters
    workspace = layer.makeWorkspace(inputWidth: inputWidth)
  }

  /// The layer's forward pass on widened copies; `output` keeps its own element type.
  mutating func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, mode: ForwardMode
  ) {
    self.input.assign(input)
    widen(parameters, into: &self.parameters)
    self.output.resize(rows: output.rows, columns: output.columns)
    layer.forward(self.input, parameters: self.parameters, into: &self.output, workspace: &workspace, mode: mode)
    output.assign(self.output)
  }

  /// The layer's backward pass on widened copies; the gradients keep their own element type.
  ///
  /// Reads the input and output this value widened in ``forward(_:parameters:into:mode:)``, which the trainer
  /// calls on the same batch before.
  mutating func backward(
    outputGradient: Matrix, parameters: [Matrix], parameterGradients: inout [Matrix],
    inputGradient: inout Matrix, computeInputGradient: Bool
  ) {
    self.outputGradient.assign(outputGradient)
    widen(parameters, into: &self.parameters)
    self.inputGradient.resize(
      rows: computeInputGradient ? input.rows : 0, columns: computeInputGradient ? input.columns : 0)
    layer.backward(
      input: input, output: output, outputGradient: self.outputGradient, parameters: self.parameters,
      parameterGradients: &self.parameterGradients, inputGradient: &self.inputGradient,
      computeInputGradient: computeInputGradient, workspace: &workspace)
    for index in parameterGradients.indices { parameterGradients[index].assign(self.parameterGradients[index]) }
    if computeInputGradient { inputGradient.assign(self.inputGradient) }
  }

  private func widen(_ source: [Matrix], into target: inout [Matrix]) {
    for index in source.indices { target[index].assign(source[index]) }
  }
}

/// Uses a loss that computes in `float64` only for a network of another element type, through `Double` copies of
/// the predictions and targets kept here.
struct WidenedLoss {
  /// The loss, which lists `float64` among its ``Loss/supportedElementTypes``.
  let loss: any Loss
  private var predictions = Matrix(rows: 0, columns: 0)
  private var targets = Matrix(rows: 0, columns: 0)
  private var gradient = Matrix(rows: 0, columns: 0)

  /// Buffers for `loss`, or `nil` when it computes in `elementType` itself.
  ///
  /// - Parameters:
  ///   - loss: The loss.
  ///   - elementType: The network's element type.
  init?(_ loss: any Loss, elementType: ElementType) {
    guard !loss.supportedElementTypes.contains(elementType) else { return nil }
    precondition(
      loss.supportedElementTypes.contains(.float64),
      "\(loss.configuration.name) computes in neither \(elementType) nor float64")
    self.loss = loss
  }

  /// The loss's value and gradient on widened copies; `gradient` keeps its own element type.
  mutating func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    self.predictions.assign(predictions)
    self.targets.assign(targets)
    self.gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let value = loss.gradient(predictions: self.predictions, targets: self.targets, into: &self.gradient)
    gradient.assign(self.gradient)
    return value
  }
}

extension Loss {
  /// The loss of `predictions` against `targets` of any element type: widened to `Double` first when this loss
  /// computes in `float64` only.
  func valueInAnyType(predictions: Matrix, targets: Matrix) -> Double {
    let elementType = predictions.elementType
    if supportedElementTypes.contains(elementType) && targets.elementType == elementType {
      return value(predictions: predictions, targets: targets)
    }
    return value(predictions: predictions.converted(to: .float64), targets: targets.converted(to: .float64))
  }
}

extension Layer {
  /// The forward pass in any element type, with new buffers (widened to `Double` when this layer computes in
  /// `float64` only); for prediction and evaluation, not for the training loop.
  func forwardInAnyType(_ input: Matrix, parameters: [Matrix], into output: inout Matrix, mode: ForwardMode) {
    if var widened = WidenedLayer(self, inputWidth: input.columns, elementType: input.elementType) {
      widened.forward(input, parameters: parameters, into: &output, mode: mode)
    } else {
      var workspace = makeWorkspace(inputWidth: input.columns)
      forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: mode)
    }
  }
}

/// Applies an optimizer that updates `float64` parameters only to a network of another element type, through
/// `Double` copies of each parameter, its gradient and its state kept here.
struct WidenedOptimizer {
  private var parameter = Matrix(rows: 0, columns: 0)
  private var gradient = Matrix(rows: 0, columns: 0)
  private var state = ParameterState(slots: [])

  /// Buffers for `optimizer`, or `nil` when it updates `elementType` itself.
  ///
  /// - Parameters:
  ///   - optimizer: The optimizer.
  ///   - elementType: The network's element type.
  init?(_ optimizer: any Optimizer, elementType: ElementType) {
    guard !optimizer.supportedElementTypes.contains(elementType) else { return nil }
    precondition(
      optimizer.supportedElementTypes.contains(.float64),
      "\(optimizer.configuration.name) updates neither \(elementType) nor float64 parameters")
  }

  /// One update of `parameter` by `optimizer`, on widened copies rounded back.
  mutating func update(
    _ optimizer: any Optimizer, parameter: inout Matrix, gradient: Matrix, state: inout ParameterState,
    learningRate: Double
  ) {
    self.parameter.assign(parameter)
    self.gradient.assign(gradient)
    self.state.step = state.step
    if self.state.slots.count != state.slots.count {
      self.state.slots = state.slots.map { _ in Matrix(rows: 0, columns: 0) }
    }
    for index in state.slots.indices { self.state.slots[index].assign(state.slots[index]) }
    optimizer.update(&self.parameter, gradient: self.gradient, state: &self.state, learningRate: learningRate)
    parameter.assign(self.parameter)
    state.step = self.state.step
    for index in state.slots.indices { state.slots[index].assign(self.state.slots[index]) }
  }
}
