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
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    var unused = Matrix(rows: predictions.rows, columns: predictions.columns)
    return gradient(predictions: predictions, targets: targets, into: &unused)
  }

  /// `(p − t) / max(p(1 − p), 10⁻¹²)`, divided by `N·C` for the mean; returns the loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    predictions.requireSameShape(as: targets, "binary_cross_entropy")
    predictions.requireSameShape(as: gradient, "binary_cross_entropy gradient")
    let factor = ElementwiseLoss.scale(predictions, reduction)
    var total = 0.0
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          for index in p.indices {
            let probability = p[index]
            let target = t[index]
            total -= target * max(log(probability), -100) + (1 - target) * max(log1p(-probability), -100)
            g[index] = (probability - target) / max(probability * (1 - probability), 1e-12) * factor
          }
        }
      }
    }
    return total * factor
  }
}
