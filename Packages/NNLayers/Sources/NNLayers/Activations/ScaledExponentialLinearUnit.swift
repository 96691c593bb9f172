import Foundation
import NNCore

/// The scaled exponential linear unit, self-normalising with LeCun-normal weights.
///
/// ```
/// f(x) = λx if x > 0, else λα(eˣ − 1)        f′(x) = λ if x > 0, else f(x) + λα
/// λ = 1.0507009873554805,  α = 1.6732632423543772        range (−λα, ∞)
/// ```
/// The constants are Klambauer et al.'s, which keep activations near zero mean and unit variance.
public struct ScaledExponentialLinearUnit: ElementwiseActivation {
  /// The scale `λ`.
  public static let scale = 1.050_700_987_355_480_5
  /// The saturation `α`.
  public static let alpha = 1.673_263_242_354_377_2

  /// The SELU.
  public init() {}

  /// `selu`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "selu") }

  /// `λx` or `λα(eˣ − 1)`.
  @inlinable public func value(_ x: Double) -> Double {
    x > 0 ? Self.scale * x : Self.scale * Self.alpha * expm1(x)
  }
  /// `λ` or `y + λα`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double {
    x > 0 ? Self.scale : y + Self.scale * Self.alpha
  }
}
