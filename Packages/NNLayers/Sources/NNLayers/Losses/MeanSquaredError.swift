import NNCore

/// The squared error between predictions and targets, for regression and the seeds' networks.
///
/// ```
/// sum:   L = Σᵢⱼ (pᵢⱼ − tᵢⱼ)²             ∂L/∂pᵢⱼ = 2 (pᵢⱼ − tᵢⱼ)
/// mean:  L = Σᵢⱼ (pᵢⱼ − tᵢⱼ)² / (N·C)     ∂L/∂pᵢⱼ = 2 (pᵢⱼ − tᵢⱼ) / (N·C)
/// ```
/// for a batch of `N` rows of `C` outputs (the mean is over every element, as PyTorch's `MSELoss`).
/// The seeds' `NeuronNetwork` uses the sum.
public struct MeanSquaredError: Loss {
  /// How terms combine.
  public let reduction: Reduction

  /// The squared-error loss.
  ///
  /// - Parameter reduction: `mean` (default) or `sum`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// `mse(reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "mse", arguments: ["reduction": .text(reduction.rawValue)])
  }

  /// `Σ (p − t)²`, divided by `N·C` for the mean.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    ElementwiseLoss.value(predictions, targets, reduction: reduction) { ($0 - $1) * ($0 - $1) }
  }

  /// `2 (p − t)`, divided by `N·C` for the mean; returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  ///   - gradient: Receives ∂loss/∂predictions, the same shape as `predictions`.
  /// - Returns: The loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    ElementwiseLoss.gradient(predictions, targets, into: &gradient, reduction: reduction) { prediction, target in
      let difference = prediction - target
      return (difference * difference, 2 * difference)
    }
  }
}
