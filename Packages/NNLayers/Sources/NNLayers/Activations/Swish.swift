import NNCore

/// The swish (`swish(beta=1)` is the SiLU, also registered as `silu`): the input gated by its own sigmoid.
///
/// ```
/// f(x) = x·σ(βx)        f′(x) = σ(βx) + βx·σ(βx)(1 − σ(βx))        range about (−0.28/β, ∞)
/// ```
public struct Swish: ElementwiseActivation {
  /// The gate's sharpness `β`.
  public let beta: Double
  /// Whether this is the fixed `β = 1` form registered as `silu`.
  public let isSigmoidLinearUnit: Bool

  /// The swish.
  ///
  /// - Parameter beta: The gate's sharpness `β` (default 1).
  public init(beta: Double = 1) {
    self.beta = beta
    self.isSigmoidLinearUnit = false
  }

  private init(sigmoidLinearUnit: Void) {
    self.beta = 1
    self.isSigmoidLinearUnit = true
  }

  /// The SiLU, `x·σ(x)`, registered as `silu`.
  public static let sigmoidLinearUnit = Swish(sigmoidLinearUnit: ())

  /// `swish(beta=…)`, or `silu`.
  public var configuration: ComponentConfiguration {
    isSigmoidLinearUnit
      ? ComponentConfiguration(name: "silu") : ComponentConfiguration(name: "swish", arguments: ["beta": .number(beta)])
  }

  /// `x·σ(βx)`.
  @inlinable public func value(_ x: Double) -> Double { x / (1 + VectorMath.exp(-beta * x)) }
  /// `σ(βx) + βx·σ(βx)(1 − σ(βx))`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double {
    let gate = 1 / (1 + VectorMath.exp(-beta * x))
    return gate + beta * x * gate * (1 - gate)
  }
  /// `x·σ(βx)`, in eight lanes.
  @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> { x / (1 + VectorMath.exp(-beta * x)) }
  /// `σ(βx) + βx·σ(βx)(1 − σ(βx))`, in eight lanes.
  @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double> {
    let gate = 1 / (1 + VectorMath.exp(-beta * x))
    return gate + beta * x * gate * (1 - gate)
  }
}
