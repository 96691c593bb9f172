import Foundation
import NNCore

/// Sigmoid and binary cross-entropy in one step: takes logits, exact for any size of logit.
///
/// ```
/// ℓ(z, t) = −[t·log σ(z) + (1 − t)·log(1 − σ(z))] = max(z, 0) − z·t + log(1 + e^(−|z|))
/// ∂ℓ/∂z = σ(z) − t
/// sum:  L = Σᵢⱼ ℓ(zᵢⱼ, tᵢⱼ)        mean:  L = Σᵢⱼ ℓ(zᵢⱼ, tᵢⱼ) / (N·C)
/// ```
/// When a network ends in `sigmoid`, training feeds this loss that layer's input (``fusedActivation``).
public struct BinaryCrossEntropyWithLogits: Loss {
  /// How terms combine.
  public let reduction: Reduction

  /// Binary cross-entropy on logits.
  ///
  /// - Parameter reduction: `mean` (default, over every element) or `sum`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// `binary_cross_entropy_with_logits(reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "binary_cross_entropy_with_logits", arguments: ["reduction": .text(reduction.rawValue)])
  }

  /// `sigmoid`: this loss applies it itself.
  public var fusedActivation: String? { "sigmoid" }

  /// `Σ max(z, 0) − z·t + log(1 + e^(−|z|))`, divided by `N·C` for the mean.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    var unused = Matrix(rows: predictions.rows, columns: predictions.columns)
    return gradient(predictions: predictions, targets: targets, into: &unused)
  }

  /// `σ(z) − t`, divided by `N·C` for the mean; returns the loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    predictions.requireSameShape(as: targets, "binary_cross_entropy_with_logits")
    predictions.requireSameShape(as: gradient, "binary_cross_entropy_with_logits gradient")
    let factor = ElementwiseLoss.scale(predictions, reduction)
    var total = 0.0
    predictions.withUnsafeBufferPointer { z in
      targets.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          for index in z.indices {
            let logit = z[index]
            let decay = exp(-abs(logit))
            total += max(logit, 0) - logit * t[index] + log1p(decay)
            let probability = logit >= 0 ? 1 / (1 + decay) : decay / (1 + decay)
            g[index] = (probability - t[index]) * factor
          }
        }
      }
    }
    return total * factor
  }
}
