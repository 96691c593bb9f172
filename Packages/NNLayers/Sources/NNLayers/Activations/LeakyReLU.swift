import NNCore

/// The leaky rectified linear unit: a small slope for negative inputs keeps units from dying.
///
/// ```
/// f(x) = x if x > 0, else a·x        f′(x) = 1 if x > 0, else a        range (−∞, ∞) for a > 0
/// ```
public struct LeakyReLU: ElementwiseActivation {
  /// The slope `a` for negative inputs.
  public let negativeSlope: Double

  /// The leaky ReLU.
  ///
  /// - Parameter negativeSlope: The slope for negative inputs (default 0.01, as PyTorch).
  public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }

  /// `leaky_relu(negative_slope=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(negativeSlope)])
  }

  /// `x` or `a·x`.
  @inlinable public func value(_ x: Double) -> Double { x > 0 ? x : negativeSlope * x }
  /// `1` or `a`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { x > 0 ? 1 : negativeSlope }
  /// `x` or `a·x`, in eight lanes.
  @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> {
    (x * negativeSlope).replacing(with: x, where: x .> 0)
  }
  /// `1` or `a`, in eight lanes.
  @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double> {
    SIMD8<Double>(repeating: negativeSlope).replacing(with: 1, where: x .> 0)
  }
}
