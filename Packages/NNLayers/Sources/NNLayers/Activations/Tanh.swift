import NNCore

/// The hyperbolic tangent: a zero-centred sigmoid.
///
/// ```
/// tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)) = 1 − 2 / (e^(2x) + 1)
/// tanh′(x) = 1 − tanh(x)²        range (−1, 1)
/// ```
/// Computed as `sign(x) · (1 − e^(−2|x|)) / (1 + e^(−2|x|))` on a vectorised exponential; where |x| < 0.5,
/// where that form would cancel, libm's `tanh` is used instead.
public struct Tanh: ElementwiseActivation {
  /// The hyperbolic tangent.
  public init() {}

  /// `tanh`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "tanh") }

  /// `tanh(x)`.
  @inlinable public func value(_ x: Double) -> Double { VectorMath.tanh(x) }
  /// `1 − y²`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { 1 - y * y }
  /// `tanh(x)`, in eight lanes.
  @inline(__always) @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> { VectorMath.tanh(x) }
  /// `1 − y²`, in eight lanes.
  @inline(__always) @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double>
  {
    1 - y * y
  }
}
