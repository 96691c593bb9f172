import NNCore
import NNLayers

/// The softsign activation: a sigmoid-shaped squashing function whose tails approach ±1 polynomially, not
/// exponentially, so it saturates more gently than tanh.
///
/// ```
/// f(x) = x / (1 + |x|)        f′(x) = 1 / (1 + |x|)² = (1 − |f(x)|)²        range (−1, 1)
/// ```
public struct Softsign: ElementwiseActivation, Hashable {
  /// The registry name, `softsign`.
  public static let name = "softsign"

  /// The registry entry: name, one-line summary and factory.
  public static let entry = ComponentEntry<any Activation>(
    name: name, summary: "x/(1+|x|), a gently saturating sigmoid shape"
  ) { _ in Softsign() }

  /// Softsign; it has no parameters.
  public init() {}

  /// `softsign`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: Self.name) }

  /// `x / (1 + |x|)`.
  public func value(_ x: Double) -> Double { x / (1 + abs(x)) }

  /// `1 / (1 + |x|)²`.
  public func derivative(input x: Double, output y: Double) -> Double {
    let denominator = 1 + abs(x)
    return 1 / (denominator * denominator)
  }
}
