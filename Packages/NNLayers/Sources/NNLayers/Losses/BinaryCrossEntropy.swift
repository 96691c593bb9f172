import Foundation
import NNCore

/// Binary cross-entropy on probabilities (a sigmoid output), for two-class and multi-label problems.
///
/// ```
/// ℓ(p, t) = −[t·log p + (1 − t)·log(1 − p)]        ∂ℓ/∂p = (p − t) / max(p(1 − p), 10⁻¹²)
/// sum:  L = Σᵢⱼ ℓ(pᵢⱼ, tᵢⱼ)        mean:  L = Σᵢⱼ ℓ(pᵢⱼ, tᵢⱼ) / (N·C)
/// ```
/// As PyTorch's `BCELoss`, each logarithm is clamped at −100 so that `p = 0` or `1` gives a large finite
/// loss, not infinity. Targets are in [0, 1]. Prefer `binary_cross_entropy_with_logits` after a linear output:
/// it is exact where this one clamps.
public struct BinaryCrossEntropy: Loss {
  /// How terms combine.
  public let reduction: Reduction

  /// Binary cross-entropy on probabilities.
  ///
  /// - Parameter reduction: `mean` (default, over every element) or `sum`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// `binary_cross_entropy(reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "binary_cross_entropy", arguments: ["reduction": .text(reduction.rawValue)])
  }

  /// `−Σ [t log p + (1 − t) log(1 − p)]`, divided by `N·C` for the mean.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    ElementwiseLoss.value(predictions, targets, reduction: reduction) { term($0, $1).value }
  }

  /// `(p − t) / max(p(1 − p), 10⁻¹²)`, divided by `N·C` for the mean; returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  ///   - gradient: Receives ∂loss/∂predictions, the same shape as `predictions`.
  /// - Returns: The loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    ElementwiseLoss.gradient(predictions, targets, into: &gradient, reduction: reduction, term: term)
  }

  private func term(_ probability: Double, _ target: Double) -> (value: Double, slope: Double) {
    let value = -(target * max(log(probability), -100) + (1 - target) * max(log1p(-probability), -100))
    return (value, (probability - target) / max(probability * (1 - probability), 1e-12))
  }
}
