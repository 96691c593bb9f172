import NNCore

/// Plain stochastic gradient descent, with optional L2 weight decay.
///
/// ```
/// g ← ∇ + λθ
/// θ ← θ − η g
/// ```
/// `∇` is the gradient `∂L/∂θ`, `λ` the weight decay and `η` the step's learning rate. SGD keeps no slots, so
/// every step, the first included, is the same rule; the state only counts steps. It is `torch.optim.SGD` with
/// `momentum=0`.
///
/// Registry name `sgd`, parameters `learning_rate` (default 0.01) and `weight_decay` (default 0):
/// `sgd(learning_rate=0.1, weight_decay=0.0001)`.
///
/// See Also: ``Momentum``, for heavy-ball and Nesterov momentum.
public struct SGD: ElementwiseOptimizer, Hashable {
  /// The registry name, `sgd`.
  public static let name = "sgd"

  /// The base learning rate `η`, finite and greater than 0.
  public let learningRate: Double
  /// The L2 weight decay `λ`, finite and at least 0: adds `λθ` to the gradient.
  public let weightDecay: Double

  /// Stochastic gradient descent.
  ///
  /// - Parameters:
  ///   - learningRate: The base learning rate `η`, finite and greater than 0.
  ///   - weightDecay: The L2 weight decay `λ`, finite and at least 0.
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` naming the parameter, the value
  ///   given and what is accepted.
  public init(learningRate: Double = 0.01, weightDecay: Double = 0) throws {
    self.learningRate = try OptimizerValidation.learningRate(learningRate, component: SGD.name)
    self.weightDecay = try OptimizerValidation.weightDecay(weightDecay, component: SGD.name)
  }

  /// `sgd(learning_rate=η, weight_decay=λ)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: SGD.name, arguments: ["learning_rate": .number(learningRate), "weight_decay": .number(weightDecay)])
  }

  /// None: SGD keeps no per-parameter buffers.
  public var slotNames: [String] { [] }

  /// `θ ← (1 − ηλ) θ − η ∇`: the rule as a linear step, which a trainer may apply inside the product that computes
  /// a weight's gradient.
  ///
  /// - Parameter learningRate: `η` for this step.
  public func linearUpdate(learningRate: Double) -> LinearUpdate? {
    LinearUpdate(parameterScale: 1 - learningRate * weightDecay, gradientScale: -learningRate)
  }

  /// Applies `θ ← θ − η (∇ + λθ)` element by element, in place.
  ///
  /// One fused loop over the elements, eight at a time, then one at a time; nothing is allocated. (The compiler's
  /// own vectorisation checked the two buffers for overlap and ran 32 at a time, which the iris network's
  /// matrices of 48, 72 and 18 elements mostly left to its slower remainder loops.)
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: None (SGD keeps no slots).
  ///   - stepsTaken: The updates already received (unused: every step is the same rule).
  ///   - learningRate: `η` for this step (the base ``learningRate`` or a schedule's value).
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
      of: self, parameters: parameters.count, gradients: gradients.count, slots: slots.count, expectedSlots: 0)
    let decay = Element(weightDecay)
    let learningRate = Element(learningRate)
    let count = parameters.count
    var index = 0
    if let values = parameters.baseAddress, let directions = gradients.baseAddress {
      let rates = SIMD8<Element>(repeating: learningRate)
      let decays = SIMD8<Element>(repeating: decay)
      while count &- index >= 8 {
        let value = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<Element>.self)
        let direction = UnsafeRawPointer(directions + index).loadUnaligned(as: SIMD8<Element>.self) + decays * value
        UnsafeMutableRawPointer(values + index).storeBytes(of: value - rates * direction, as: SIMD8<Element>.self)
        index &+= 8
      }
    }
    while index < count {
      let direction = gradients[index] + decay * parameters[index]
      parameters[index] -= learningRate * direction
      index &+= 1
    }
  }
}
