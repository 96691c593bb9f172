import NNCore

/// The logistic sigmoid, the classic squashing activation of the seeds' networks.
///
/// ```
/// σ(x) = 1 / (1 + e^(−x))        σ′(x) = σ(x) · (1 − σ(x))        range (0, 1)
/// ```
/// Its derivative is at most 1/4, so stacked sigmoid layers shrink gradients by at least four per layer
/// (vanishing gradients). In lanes it is computed as one quotient of a range reduction and a rational approximation
/// (`VectorMath.logistic(_:)`, an internal eight-lane logistic function): relative error below 4e-16.
public struct Sigmoid: ElementwiseActivation {
  /// The sigmoid.
  public init() {}

  /// `sigmoid`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "sigmoid") }

  /// `1 / (1 + e^(−x))`.
  @inlinable public func value(_ x: Double) -> Double { 1 / (1 + VectorMath.exp(-x)) }
  /// `y · (1 − y)`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { y * (1 - y) }
  /// `1 / (1 + e^(−x))`, in eight lanes.
  @inline(__always) @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> { VectorMath.logistic(x) }
  /// `1 / (1 + e^(−x))`, in `count` lane vectors side by side.
  @inline(__always) @inlinable public func value<let count: Int>(
    _ x: VectorMath.Lanes<count>
  ) -> VectorMath.Lanes<count> {
    VectorMath.logistic(x)
  }
  /// `y · (1 − y)`, in eight lanes.
  @inline(__always) @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double>
  {
    y * (1 - y)
  }
}
