import Foundation
import NNCore

/// The Gaussian error linear unit (exact form, as PyTorch's default): the input weighted by the probability
/// that a standard normal variable is below it.
///
/// ```
/// f(x) = x·Φ(x) = x/2 · (1 + erf(x/√2))        f′(x) = Φ(x) + x·φ(x),  φ(x) = e^(−x²/2)/√(2π)
/// ```
/// Range about (−0.17, ∞).
public struct GaussianErrorLinearUnit: ElementwiseActivation {
  /// The GELU.
  public init() {}

  /// `gelu`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "gelu") }

  /// `x·Φ(x)`.
  @inlinable public func value(_ x: Double) -> Double { 0.5 * x * erfc(-x / 2.0.squareRoot()) }
  /// `Φ(x) + x·φ(x)`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot()) + x * exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
  }
}
