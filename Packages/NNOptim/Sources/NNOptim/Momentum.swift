import NNCore

/// Stochastic gradient descent with heavy-ball or Nesterov momentum, exactly as PyTorch's `torch.optim.SGD`.
///
/// ```
/// g ← ∇ + λθ
/// b ← g                        on the first step (no dampening)
/// b ← μ b + (1 − τ) g          on every later step
/// d ← g + μ b  if Nesterov,  else  d ← b
/// θ ← θ − η d
/// ```
/// `∇` is the gradient `∂L/∂θ`, `λ` the weight decay, `μ` the momentum, `τ` the dampening and `η` the step's
/// learning rate. The buffer `b` is the slot `momentum_buffer` of each parameter's ``/NNCore/ParameterState``.
///
/// The first step copies the gradient into the buffer undampened, as PyTorch does, so with `τ > 0` the first
/// update is `η g`, not `η (1 − τ) g`. With `μ = 0` the buffer is never used and every step is plain SGD,
/// `θ ← θ − η g` (again as PyTorch: no dampening then either).
///
/// Registry names: `momentum`, with parameters `learning_rate` (0.01), `momentum` (0.9), `dampening` (0),
/// `nesterov` (false) and `weight_decay` (0), as in `momentum(learning_rate=0.1, nesterov=true)`; and
/// `nesterov`, the same rule with Nesterov forced on, with parameters `learning_rate`, `momentum` and
/// `weight_decay`, as in `nesterov(momentum=0.95)`.
///
/// See Also: ``SGD``, the rule without momentum.
public struct Momentum: ElementwiseOptimizer, Hashable {
  /// The registry name, `momentum`.
  public static let name = "momentum"
  /// The registry name of the Nesterov variant, `nesterov`.
  public static let nesterovName = "nesterov"
  /// The name of the one slot, `momentum_buffer`: the buffer `b`, shaped like the parameter.
  public static let bufferSlotName = "momentum_buffer"

  /// The base learning rate `η`, finite and greater than 0.
  public let learningRate: Double
  /// The momentum factor `μ`, in `[0, 1)`.
  public let momentum: Double
  /// The dampening `τ` of the gradient in the buffer after the first step, in `[0, 1]`.
  public let dampening: Double
  /// Whether the step looks ahead along the buffer: `d = g + μ b` instead of `d = b`.
  public let nesterov: Bool
  /// The L2 weight decay `λ`, finite and at least 0: adds `λθ` to the gradient.
  public let weightDecay: Double
  /// The registry name this rule was made under: `momentum`, or `nesterov` for
  /// ``nesterov(learningRate:momentum:weightDecay:)``.
  private let registryName: String

  /// SGD with momentum.
  ///
  /// - Parameters:
  ///   - learningRate: The base learning rate `η`, finite and greater than 0.
  ///   - momentum: The momentum factor `μ`, in `[0, 1)`; greater than 0 with Nesterov.
  ///   - dampening: The dampening `τ`, in `[0, 1]`; 0 with Nesterov.
  ///   - nesterov: Whether to use Nesterov momentum, `d = g + μ b`.
  ///   - weightDecay: The L2 weight decay `λ`, finite and at least 0.
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` naming the parameter, the value
  ///   given and what is accepted; also for Nesterov with `μ = 0` or `τ ≠ 0`, which PyTorch rejects too.
  public init(
    learningRate: Double = 0.01, momentum: Double = 0.9, dampening: Double = 0, nesterov: Bool = false,
    weightDecay: Double = 0
  ) throws {
    try self.init(
      registryName: Momentum.name, learningRate: learningRate, momentum: momentum, dampening: dampening,
      nesterov: nesterov, weightDecay: weightDecay)
  }

  /// SGD with Nesterov momentum, named `nesterov` in the registry and in its configuration.
  ///
  /// ```
  /// g ← ∇ + λθ
  /// b ← g  on the first step,  b ← μ b + g  later
  /// θ ← θ − η (g + μ b)
  /// ```
  ///
  /// - Parameters:
  ///   - learningRate: The base learning rate `η`, finite and greater than 0.
  ///   - momentum: The momentum factor `μ`, in `(0, 1)`.
  ///   - weightDecay: The L2 weight decay `λ`, finite and at least 0.
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` naming the parameter, the value
  ///   given and what is accepted.
  public static func nesterov(
    learningRate: Double = 0.01, momentum: Double = 0.9, weightDecay: Double = 0
  ) throws -> Momentum {
    try Momentum(
      registryName: Momentum.nesterovName, learningRate: learningRate, momentum: momentum, dampening: 0, nesterov: true,
      weightDecay: weightDecay)
  }

  private init(
    registryName: String, learningRate: Double, momentum: Double, dampening: Double, nesterov: Bool, weightDecay: Double
  ) throws {
    self.registryName = registryName
    self.learningRate = try OptimizerValidation.learningRate(learningRate, component: registryName)
    self.momentum = try OptimizerValidation.momentum(momentum, component: registryName)
    self.dampening = try OptimizerValidation.dampening(dampening, component: registryName)
    self.weightDecay = try OptimizerValidation.weightDecay(weightDecay, component: registryName)
    self.nesterov = nesterov
    if nesterov {
      _ = try OptimizerValidation.require(
        momentum > 0, momentum, parameter: "momentum", accepted: "greater than 0 with Nesterov momentum",
        component: registryName)
      _ = try OptimizerValidation.require(
        dampening == 0, dampening, parameter: "dampening", accepted: "0 with Nesterov momentum",
        component: registryName)
    }
  }

  /// `momentum(dampening=τ, learning_rate=η, momentum=μ, nesterov=…, weight_decay=λ)`, or
  /// `nesterov(learning_rate=η, momentum=μ, weight_decay=λ)` for the rule made by
  /// ``nesterov(learningRate:momentum:weightDecay:)``.
  public var configuration: ComponentConfiguration {
    var arguments: [String: ParameterValue] = [
      "learning_rate": .number(learningRate), "momentum": .number(momentum), "weight_decay": .number(weightDecay),
    ]
    if registryName == Momentum.name {
      arguments["dampening"] = .number(dampening)
      arguments["nesterov"] = .boolean(nesterov)
    }
    return ComponentConfiguration(name: registryName, arguments: arguments)
  }

  /// `["momentum_buffer"]`: the buffer `b`, zero until the first step copies the gradient into it.
  public var slotNames: [String] { [Momentum.bufferSlotName] }

  /// With `μ = 0`, plain SGD as a linear step, `θ ← (1 − ηλ) θ − η ∇` (the buffer is then never read or written);
  /// `nil` with momentum, whose step reads the buffer.
  ///
  /// - Parameter learningRate: `η` for this step.
  public func linearUpdate(learningRate: Double) -> LinearUpdate? {
    guard momentum == 0 else { return nil }
    return LinearUpdate(parameterScale: 1 - learningRate * weightDecay, gradientScale: -learningRate)
  }

  /// Applies one momentum step element by element, in place.
  ///
  /// ```
  /// g = ∇ + λθ;  b = g (first step) or μ b + (1 − τ) g;  θ −= η (Nesterov ? g + μ b : b)
  /// ```
  /// The first step is recognised by `stepsTaken == 0`. With `μ = 0` the buffer is left alone and `θ −= η g`.
  /// One fused loop over the elements; nothing is allocated.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One buffer, `b` (`momentum_buffer`), as many values as `parameters`.
  ///   - stepsTaken: The updates already received (0 for the first).
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
      of: self, parameters: parameters.count, gradients: gradients.count, slots: slots.count, expectedSlots: 1)
    let theta = parameters
    let nabla = gradients
    let decay = Element(weightDecay)
    let momentumFactor = Element(momentum)
    let gradientScale = Element(1 - dampening)
    let learningRate = Element(learningRate)
    if momentumFactor == 0 {
      for index in 0..<theta.count { theta[index] -= learningRate * (nabla[index] + decay * theta[index]) }
      return
    }
    let buffer = UnsafeMutableBufferPointer(start: slots[0], count: theta.count)
    // One loop per case, with no test inside, so that the compiler vectorises each for the CPU it targets.
    switch (stepsTaken == 0, nesterov) {
    case (true, false):
      for index in 0..<theta.count {
        let decayedGradient = nabla[index] + decay * theta[index]
        buffer[index] = decayedGradient
        theta[index] -= learningRate * decayedGradient
      }
    case (true, true):
      for index in 0..<theta.count {
        let decayedGradient = nabla[index] + decay * theta[index]
        buffer[index] = decayedGradient
        theta[index] -= learningRate * (decayedGradient + momentumFactor * decayedGradient)
      }
    case (false, false):
      for index in 0..<theta.count {
        let decayedGradient = nabla[index] + decay * theta[index]
        let velocity = momentumFactor * buffer[index] + gradientScale * decayedGradient
        buffer[index] = velocity
        theta[index] -= learningRate * velocity
      }
    case (false, true):
      for index in 0..<theta.count {
        let decayedGradient = nabla[index] + decay * theta[index]
        let velocity = momentumFactor * buffer[index] + gradientScale * decayedGradient
        buffer[index] = velocity
        theta[index] -= learningRate * (decayedGradient + momentumFactor * velocity)
      }
    }
  }
}
