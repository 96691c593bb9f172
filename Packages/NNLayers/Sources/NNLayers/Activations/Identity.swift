import NNCore

/// The identity activation, for linear outputs (regression).
///
/// ```
/// f(x) = x        f′(x) = 1        range (−∞, ∞)
/// ```
public struct Identity: ElementwiseActivation {
  /// The identity.
  public init() {}

  /// `identity`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "identity") }

  /// `x`.
  @inlinable public func value(_ x: Double) -> Double { x }
  /// `1`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { 1 }
  /// `x`, in eight lanes.
  @inline(__always) @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> { x }
  /// `1`, in eight lanes.
  @inline(__always) @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double>
  {
    SIMD8(repeating: 1)
  }
}
