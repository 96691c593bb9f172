import NNCore

/// The Huber loss: squared near the target, linear far from it.
///
/// ```
/// ℓ(d) = d²/2 if |d| ≤ δ, else δ(|d| − δ/2)        ℓ′(d) = d if |d| ≤ δ, else δ·sign(d)
/// sum:  L = Σᵢⱼ ℓ(pᵢⱼ − tᵢⱼ)        mean:  L = Σᵢⱼ ℓ(pᵢⱼ − tᵢⱼ) / (N·C)
/// ```
/// As PyTorch's `HuberLoss`.
public struct HuberLoss: Loss {
  /// How terms combine.
  public let reduction: Reduction
  /// The threshold `δ` between the quadratic and linear parts.
  public let delta: Double

  /// The Huber loss.
  ///
  /// - Parameters:
  ///   - delta: The threshold `δ`, positive (default 1).
  ///   - reduction: `mean` (default, over every element) or `sum`.
  public init(delta: Double = 1, reduction: Reduction = .mean) {
    self.delta = delta
    self.reduction = reduction
  }

  /// `huber(delta=…, reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "huber", arguments: ["delta": .number(delta), "reduction": .text(reduction.rawValue)])
  }

  /// `Σ ℓ(p − t)`, divided by `N·C` for the mean.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    ElementwiseLoss.value(predictions, targets, reduction: reduction) { term($0, $1).value }
  }

  /// `ℓ′(p − t)`, divided by `N·C` for the mean; returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  ///   - gradient: Receives ∂loss/∂predictions, the same shape as `predictions`.
  /// - Returns: The loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    ElementwiseLoss.gradient(predictions, targets, into: &gradient, reduction: reduction, term: term)
  }

  private func term(_ prediction: Double, _ target: Double) -> (value: Double, slope: Double) {
    let difference = prediction - target
    let magnitude = abs(difference)
    if magnitude <= delta { return (0.5 * difference * difference, difference) }
    return (delta * (magnitude - 0.5 * delta), difference > 0 ? delta : -delta)
  }
}
