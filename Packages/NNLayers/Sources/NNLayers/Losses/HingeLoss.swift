import NNCore

/// The hinge loss of support-vector machines, on raw scores.
///
/// ```
/// y = 2t − 1 for targets t ∈ {0, 1} (targets −1 and 1 are taken as they are)
/// ℓ(p, y) = max(0, 1 − y·p)        ∂ℓ/∂p = −y if y·p < 1, else 0
/// sum:  L = Σᵢⱼ ℓ(pᵢⱼ, yᵢⱼ)        mean:  L = Σᵢⱼ ℓ(pᵢⱼ, yᵢⱼ) / (N·C)
/// ```
/// As Keras's `hinge`: each output is a one-against-the-rest score, pushed beyond ±1.
public struct HingeLoss: Loss {
  /// How terms combine.
  public let reduction: Reduction

  /// The hinge loss.
  ///
  /// - Parameter reduction: `mean` (default, over every element) or `sum`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// `hinge(reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "hinge", arguments: ["reduction": .text(reduction.rawValue)])
  }

  /// `Σ max(0, 1 − y·p)`, divided by `N·C` for the mean.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    ElementwiseLoss.value(predictions, targets, reduction: reduction) { term($0, $1).value }
  }

  /// `−y` where `y·p < 1`, divided by `N·C` for the mean; returns the loss.
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
    let sign: Double = target > 0 ? 1 : -1
    let margin = 1 - sign * prediction
    return margin > 0 ? (margin, -sign) : (0, 0)
  }
}
