import Foundation
import NNCore

/// Adam, and AdamW with decoupled weight decay, exactly as PyTorch's `torch.optim.Adam` and `AdamW`.
///
/// ```
/// Adam:   g ← ∇ + λθ                       AdamW:  θ ← θ (1 − ηλ),  g ← ∇
/// m ← β₁ m + (1 − β₁) g                     first moment
/// v ← β₂ v + (1 − β₂) g²                    second moment
/// v̂ ← max(v̂, v) with AMSGrad, else v̂ = v
/// θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
/// ```
/// `t` is the step number from 1; both moments start at zero and the bias corrections `1 − βᵗ` undo that
/// start. Slots: `first_moment`, `second_moment`, and `max_second_moment` with AMSGrad.
///
/// Registry names: `adam` (`learning_rate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8,
/// `weight_decay` 0, `amsgrad` false) and `adamw` (the same with `weight_decay` 0.01, decoupled).
public struct Adam: ElementwiseOptimizer, Hashable {
  /// The base learning rate `η`.
  public let learningRate: Double
  /// The decay `β₁` of the first moment, in `[0, 1)`.
  public let beta1: Double
  /// The decay `β₂` of the second moment, in `[0, 1)`.
  public let beta2: Double
  /// The term `ε` added to the denominator, at least 0.
  public let epsilon: Double
  /// The weight decay `λ`: added to the gradient (Adam) or applied to the weights directly (AdamW).
  public let weightDecay: Double
  /// Whether to divide by the largest second moment so far (AMSGrad).
  public let amsgrad: Bool
  /// Whether the weight decay is decoupled from the gradient (AdamW).
  public let decoupledWeightDecay: Bool

  /// Adam (or AdamW with `decoupledWeightDecay`).
  ///
  /// - Parameters:
  ///   - learningRate: `η`, finite and greater than 0 (default 0.001).
  ///   - beta1: `β₁`, in `[0, 1)` (default 0.9).
  ///   - beta2: `β₂`, in `[0, 1)` (default 0.999).
  ///   - epsilon: `ε`, finite and at least 0 (default 1e-8).
  ///   - weightDecay: `λ`, finite and at least 0 (default 0).
  ///   - amsgrad: Whether to use AMSGrad (default false).
  ///   - decoupledWeightDecay: AdamW's `θ ← θ(1 − ηλ)` instead of Adam's `g ← ∇ + λθ` (default false).
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for a value out of range.
  public init(
    learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false
  ) throws {
    let name = decoupledWeightDecay ? "adamw" : "adam"
    self.learningRate = try OptimizerValidation.learningRate(learningRate, component: name)
    self.beta1 = try OptimizerValidation.require(
      beta1 >= 0 && beta1 < 1, beta1, parameter: "beta1", accepted: "in [0, 1)", component: name)
    self.beta2 = try OptimizerValidation.require(
      beta2 >= 0 && beta2 < 1, beta2, parameter: "beta2", accepted: "in [0, 1)", component: name)
    self.epsilon = try OptimizerValidation.require(
      epsilon.isFinite && epsilon >= 0, epsilon, parameter: "epsilon", accepted: "a finite number of at least 0",
      component: name)
    self.weightDecay = try OptimizerValidation.weightDecay(weightDecay, component: name)
    self.amsgrad = amsgrad
    self.decoupledWeightDecay = decoupledWeightDecay
  }

  /// `adam(…)` or `adamw(…)` with every parameter.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: decoupledWeightDecay ? "adamw" : "adam",
      arguments: [
        "learning_rate": .number(learningRate), "beta1": .number(beta1), "beta2": .number(beta2),
        "epsilon": .number(epsilon), "weight_decay": .number(weightDecay), "amsgrad": .boolean(amsgrad),
      ])
  }

  /// `first_moment`, `second_moment`, and `max_second_moment` with AMSGrad.
  public var slotNames: [String] {
    amsgrad ? ["first_moment", "second_moment", "max_second_moment"] : ["first_moment", "second_moment"]
  }

  /// One Adam step, element by element in place.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: `first_moment`, `second_moment` and, with AMSGrad, `max_second_moment`, each as many values as `parameters`.
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
      of: self, parameters: parameters.count, gradients: gradients.count, slots: slots.count,
      expectedSlots: amsgrad ? 3 : 2)
    let theta = parameters
    let nabla = gradients
    let count = theta.count
    let first = UnsafeMutableBufferPointer(start: slots[0], count: count)
    let second = UnsafeMutableBufferPointer(start: slots[1], count: count)
    let largest = amsgrad ? UnsafeMutableBufferPointer(start: slots[2], count: count) : second
    let step = Double(stepsTaken + 1)
    let correction1 = 1 - pow(beta1, step)
    let correction2RootWide = (1 - pow(beta2, step)).squareRoot()
    let stepSize = Element(learningRate / correction1)
    let correction2Root = Element(correction2RootWide)
    let (beta1, beta2, epsilon, decay) = (Element(beta1), Element(beta2), Element(epsilon), Element(weightDecay))
    let decoupledFactor = Element(1 - learningRate * weightDecay)
    let decoupled = decoupledWeightDecay
    let amsgrad = amsgrad
    for index in 0..<count {
      var g = nabla[index]
      if decoupled {
        theta[index] *= decoupledFactor
      } else {
        g += decay * theta[index]
      }
      first[index] = beta1 * first[index] + (1 - beta1) * g
      second[index] = beta2 * second[index] + (1 - beta2) * g * g
      var denominatorMoment = second[index]
      if amsgrad {
        largest[index] = max(largest[index], second[index])
        denominatorMoment = largest[index]
      }
      theta[index] -= stepSize * first[index] / (denominatorMoment.squareRoot() / correction2Root + epsilon)
    }
  }
}
