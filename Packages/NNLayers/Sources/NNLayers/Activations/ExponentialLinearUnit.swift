import Foundation
import NNCore

/// The exponential linear unit: smooth for negative inputs, saturating at `−α`.
///
/// ```
/// f(x) = x if x > 0, else α(eˣ − 1)        f′(x) = 1 if x > 0, else f(x) + α        range (−α, ∞)
/// ```
/// `eˣ − 1` is computed with `expm1`, exact near 0.
public struct ExponentialLinearUnit: ElementwiseActivation {
  /// The saturation value `α`.
  public let alpha: Double

  /// The ELU.
  ///
  /// - Parameter alpha: The negative saturation `α` (default 1).
  public init(alpha: Double = 1) { self.alpha = alpha }

  /// `elu(alpha=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "elu", arguments: ["alpha": .number(alpha)])
  }

  /// `x` or `α(eˣ − 1)`.
  @inlinable public func value(_ x: Double) -> Double { x > 0 ? x : alpha * expm1(x) }
  /// `1` or `y + α`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { x > 0 ? 1 : y + alpha }
}
