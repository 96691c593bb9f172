import NNCore

/// A piecewise-linear sigmoid, cheap to compute (PyTorch's `hardsigmoid`).
///
/// ```
/// f(x) = 0 if x ≤ −3,  1 if x ≥ 3,  x/6 + 1/2 otherwise        f′(x) = 1/6 on (−3, 3), else 0
/// ```
/// Range [0, 1].
public struct HardSigmoid: ElementwiseActivation {
  /// The hard sigmoid.
  public init() {}

  /// `hard_sigmoid`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "hard_sigmoid") }

  /// `clamp(x/6 + 1/2, 0, 1)`.
  @inlinable public func value(_ x: Double) -> Double { x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5 }
  /// `1/6` inside `(−3, 3)`, else `0`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { x > -3 && x < 3 ? 1.0 / 6 : 0 }
}
