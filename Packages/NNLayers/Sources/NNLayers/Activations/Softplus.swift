import Foundation
import NNCore

/// The softplus: a smooth ReLU.
///
/// ```
/// f(x) = log(1 + e^(βx)) / β        f′(x) = σ(βx)        range (0, ∞)
/// ```
/// Computed as `max(x, 0) + log1p(e^(−β|x|)) / β`, which neither overflows nor loses digits.
public struct Softplus: ElementwiseActivation {
  /// The sharpness `β`.
  public let beta: Double

  /// The softplus.
  ///
  /// - Parameter beta: The sharpness `β`, positive (default 1).
  public init(beta: Double = 1) { self.beta = beta }

  /// `softplus(beta=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "softplus", arguments: ["beta": .number(beta)])
  }

  /// `log(1 + e^(βx)) / β`.
  @inlinable public func value(_ x: Double) -> Double { max(x, 0) + log1p(exp(-beta * abs(x))) / beta }
  /// `σ(βx)`.
  @inlinable public func derivative(input x: Double, output y: Double) -> Double { 1 / (1 + exp(-beta * x)) }
}
