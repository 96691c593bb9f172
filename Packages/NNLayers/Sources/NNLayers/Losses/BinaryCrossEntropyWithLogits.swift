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
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    ElementwiseLoss.value(predictions, targets, reduction: reduction) { term($0, $1).value }
  }

  /// `σ(z) − t`, divided by `N·C` for the mean; returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  ///   - gradient: Receives ∂loss/∂predictions, the same shape as `predictions`.
  /// - Returns: The loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    ElementwiseLoss.gradient(predictions, targets, into: &gradient, reduction: reduction, term: term)
  }

  private func term(_ logit: Double, _ target: Double) -> (value: Double, slope: Double) {
    let decay = exp(-abs(logit))
    let probability = logit >= 0 ? 1 / (1 + decay) : decay / (1 + decay)
    return (max(logit, 0) - logit * target + log1p(decay), probability - target)
  }
}
