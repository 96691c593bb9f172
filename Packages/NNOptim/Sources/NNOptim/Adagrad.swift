import NNCore

/// Adagrad: per-element learning rates shrinking with the sum of squared gradients, exactly as PyTorch's
/// `torch.optim.Adagrad`.
///
/// ```
/// g ← ∇ + λθ
/// η̃ ← η / (1 + (t − 1)·δ)          t the step number from 1, δ the learning-rate decay
/// s ← s + g²                        s starts at the initial accumulator value
/// θ ← θ − η̃ · g / (√s + ε)
/// ```
/// Slot: `sum` (the accumulator `s`).
public struct Adagrad: ElementwiseOptimizer, Hashable {
  /// The base learning rate `η`.
  public let learningRate: Double
  /// The learning-rate decay `δ`, at least 0.
  public let learningRateDecay: Double
  /// The L2 weight decay `λ`.
  public let weightDecay: Double
  /// The accumulator's starting value, at least 0.
  public let initialAccumulatorValue: Double
  /// The term `ε` added to the denominator.
  public let epsilon: Double

  /// Adagrad.
  ///
  /// - Parameters:
  ///   - learningRate: `η`, finite and greater than 0 (default 0.01).
  ///   - learningRateDecay: `δ`, finite and at least 0 (default 0).
  ///   - weightDecay: `λ`, finite and at least 0 (default 0).
  ///   - initialAccumulatorValue: The accumulator's start, finite and at least 0 (default 0).
  ///   - epsilon: `ε`, finite and at least 0 (default 1e-10).
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for a value out of range.
  public init(
    learningRate: Double = 0.01, learningRateDecay: Double = 0, weightDecay: Double = 0,
    initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10
  ) throws {
    let accepted = "a finite number of at least 0"
    self.learningRate = try OptimizerValidation.learningRate(learningRate, component: "adagrad")
    self.learningRateDecay = try OptimizerValidation.require(
      learningRateDecay.isFinite && learningRateDecay >= 0, learningRateDecay, parameter: "learning_rate_decay",
      accepted: accepted, component: "adagrad")
    self.weightDecay = try OptimizerValidation.weightDecay(weightDecay, component: "adagrad")
    self.initialAccumulatorValue = try OptimizerValidation.require(
      initialAccumulatorValue.isFinite && initialAccumulatorValue >= 0, initialAccumulatorValue,
      parameter: "initial_accumulator_value", accepted: accepted, component: "adagrad")
    self.epsilon = try OptimizerValidation.require(
      epsilon.isFinite && epsilon >= 0, epsilon, parameter: "epsilon", accepted: accepted, component: "adagrad")
  }

  /// `adagrad(…)` with every parameter.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "adagrad",
      arguments: [
        "learning_rate": .number(learningRate), "learning_rate_decay": .number(learningRateDecay),
        "weight_decay": .number(weightDecay), "initial_accumulator_value": .number(initialAccumulatorValue),
        "epsilon": .number(epsilon),
      ])
  }

  /// `sum`, the accumulator.
  public var slotNames: [String] { ["sum"] }

  /// Fresh state: step zero and the accumulator at its initial value.
  ///
  /// - Parameter parameter: The parameter the state belongs to.
  public func makeState(for parameter: Matrix) -> ParameterState {
    ParameterState(slots: [
      Matrix(
        rows: parameter.rows, columns: parameter.columns, repeating: initialAccumulatorValue,
        elementType: parameter.elementType)
    ])
  }

  /// One Adagrad step, element by element in place.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: the accumulator `sum`, each as many values as `parameters`.
  ///   - stepsTaken: The updates already received (0 for the first).
  ///   - learningRate: `η` for this step.
  public func update(
    _ parameters: UnsafeMutableBufferPointer<Double>, gradients: UnsafeBufferPointer<Double>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Double>>, stepsTaken: Int, learningRate: Double
  ) {
    apply(parameters, gradients: gradients, slots: slots, stepsTaken: stepsTaken, learningRate: learningRate)
  }

  /// The same rule computed in `Float`, for `float32` networks.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: The slots, each holding as many values as `parameters`.
  ///   - stepsTaken: The updates these parameters have already received (0 for the first).
  ///   - learningRate: `η` for this step.
  public func update(
    _ parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Float>>, stepsTaken: Int, learningRate: Double
  ) {
    apply(parameters, gradients: gradients, slots: slots, stepsTaken: stepsTaken, learningRate: learningRate)
  }

  /// The rule over `Element`s; the hyper-parameters are rounded to `Element` once.
  private func apply<Element: MatrixElement>(
    _ parameters: UnsafeMutableBufferPointer<Element>, gradients: UnsafeBufferPointer<Element>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>, stepsTaken: Int, learningRate: Double
  ) {
    OptimizerValidation.requireRuns(
      of: self, parameters: parameters.count, gradients: gradients.count, slots: slots.count, expectedSlots: 1)
    let theta = parameters
    let nabla = gradients
    let count = theta.count
    let sum = UnsafeMutableBufferPointer(start: slots[0], count: count)
    let rate = Element(learningRate / (1 + Double(stepsTaken) * learningRateDecay))
    let (decay, epsilon) = (Element(weightDecay), Element(epsilon))
    for index in 0..<count {
      let g = nabla[index] + decay * theta[index]
      sum[index] += g * g
      theta[index] -= rate * g / (sum[index].squareRoot() + epsilon)
    }
  }
}
