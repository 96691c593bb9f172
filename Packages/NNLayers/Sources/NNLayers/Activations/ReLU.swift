import NNCore

/// The rectified linear unit.
///
/// ```
/// relu(x) = max(0, x)        relu′(x) = 1 if x > 0, else 0        range [0, ∞)
/// ```
/// The derivative at 0 is taken as 0, as in PyTorch. Units whose input stays negative stop learning
/// ("dead" units); a smaller learning rate or a leaky variant helps.
public struct ReLU: ElementwiseActivation {
  /// The rectified linear unit.
  public init() {}

  /// `relu`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "relu") }

  /// `max(0, x)` (NaN stays NaN).
  @inlinable public func value(_ x: Double) -> Double { x < 0 ? 0 : x }
  /// `1` for `x > 0`, else `0`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { x > 0 ? 1 : 0 }
  /// `max(0, x)`, in eight lanes.
  @inline(__always) @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> {
    x.replacing(with: 0, where: x .< 0)
  }
  /// `1` where `x > 0`, else `0`, in eight lanes.
  @inline(__always) @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double>
  {
    SIMD8<Double>(repeating: 0).replacing(with: 1, where: x .> 0)
  }
}
