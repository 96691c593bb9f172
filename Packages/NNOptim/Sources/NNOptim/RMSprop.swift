import NNCore

/// RMSprop: divides the gradient by a running root mean square, exactly as PyTorch's `torch.optim.RMSprop`.
///
/// ```
/// g ← ∇ + λθ
/// v ← α v + (1 − α) g²                                   square average
/// a ← √(v − ḡ²) + ε with ḡ ← α ḡ + (1 − α) g (centred),  else  a ← √v + ε
/// b ← μ b + g / a;  θ ← θ − η b     with momentum μ > 0,  else  θ ← θ − η g / a
/// ```
/// Slots: `square_average`, `momentum_buffer`, `gradient_average` (the last two stay zero when unused).
public struct RMSprop: ElementwiseOptimizer, Hashable {
  /// The base learning rate `η`.
  public let learningRate: Double
  /// The smoothing constant `α`, in `[0, 1)`.
  public let alpha: Double
  /// The term `ε` added to the denominator.
  public let epsilon: Double
  /// The L2 weight decay `λ`.
  public let weightDecay: Double
  /// The momentum factor `μ`, in `[0, 1)`.
  public let momentum: Double
  /// Whether the square average is centred by the squared mean gradient.
  public let centered: Bool

  /// RMSprop.
  ///
  /// - Parameters:
  ///   - learningRate: `η`, finite and greater than 0 (default 0.01).
  ///   - alpha: `α`, in `[0, 1)` (default 0.99).
  ///   - epsilon: `ε`, finite and at least 0 (default 1e-8).
  ///   - weightDecay: `λ`, finite and at least 0 (default 0).
  ///   - momentum: `μ`, in `[0, 1)` (default 0).
  ///   - centered: Whether to centre the square average (default false).
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for a value out of range.
  public init(
    learningRate: Double = 0.01, alpha: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0,
    momentum: Double = 0, centered: Bool = false
  ) throws {
    self.learningRate = try OptimizerValidation.learningRate(learningRate, component: "rmsprop")
    self.alpha = try OptimizerValidation.require(
      alpha >= 0 && alpha < 1, alpha, parameter: "alpha", accepted: "in [0, 1)", component: "rmsprop")
    self.epsilon = try OptimizerValidation.require(
      epsilon.isFinite && epsilon >= 0, epsilon, parameter: "epsilon", accepted: "a finite number of at least 0",
      component: "rmsprop")
    self.weightDecay = try OptimizerValidation.weightDecay(weightDecay, component: "rmsprop")
    self.momentum = try OptimizerValidation.momentum(momentum, component: "rmsprop")
    self.centered = centered
  }

  /// `rmsprop(…)` with every parameter.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "rmsprop",
      arguments: [
        "learning_rate": .number(learningRate), "alpha": .number(alpha), "epsilon": .number(epsilon),
        "weight_decay": .number(weightDecay), "momentum": .number(momentum), "centered": .boolean(centered),
      ])
  }

  /// `square_average`, `momentum_buffer`, `gradient_average`.
  public var slotNames: [String] { ["square_average", "momentum_buffer", "gradient_average"] }

  /// One RMSprop step, element by element in place.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: `square_average`, `momentum_buffer` and `gradient_average`, each as many values as `parameters`.
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
      of: self, parameters: parameters.count, gradients: gradients.count, slots: slots.count, expectedSlots: 3)
    let theta = parameters
    let nabla = gradients
    let count = theta.count
    let square = UnsafeMutableBufferPointer(start: slots[0], count: count)
    let buffer = UnsafeMutableBufferPointer(start: slots[1], count: count)
    let mean = UnsafeMutableBufferPointer(start: slots[2], count: count)
    let (alpha, epsilon, decay) = (Element(alpha), Element(epsilon), Element(weightDecay))
    let (momentum, centered, learningRate) = (Element(momentum), centered, Element(learningRate))
    for index in 0..<count {
      let g = nabla[index] + decay * theta[index]
      square[index] = alpha * square[index] + (1 - alpha) * g * g
      let average: Element
      if centered {
        mean[index] = alpha * mean[index] + (1 - alpha) * g
        average = (square[index] - mean[index] * mean[index]).squareRoot() + epsilon
      } else {
        average = square[index].squareRoot() + epsilon
      }
      if momentum > 0 {
        buffer[index] = momentum * buffer[index] + g / average
        theta[index] -= learningRate * buffer[index]
      } else {
        theta[index] -= learningRate * g / average
      }
    }
  }
}
