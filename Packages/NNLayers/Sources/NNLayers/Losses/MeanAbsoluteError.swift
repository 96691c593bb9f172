import NNCore

/// The absolute error between predictions and targets, robust to outliers.
///
/// ```
/// sum:   L = Σᵢⱼ |pᵢⱼ − tᵢⱼ|             ∂L/∂pᵢⱼ = sign(pᵢⱼ − tᵢⱼ)   (0 where equal)
/// mean:  L = Σᵢⱼ |pᵢⱼ − tᵢⱼ| / (N·C)     ∂L/∂pᵢⱼ = sign(pᵢⱼ − tᵢⱼ) / (N·C)
/// ```
public struct MeanAbsoluteError: Loss {
  /// How terms combine.
  public let reduction: Reduction

  /// The absolute-error loss.
  ///
  /// - Parameter reduction: `mean` (default, over every element) or `sum`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// `mae(reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "mae", arguments: ["reduction": .text(reduction.rawValue)])
  }

  /// `Σ |p − t|`, divided by `N·C` for the mean.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    ElementwiseLoss.value(predictions, targets, reduction: reduction) { abs($0 - $1) }
  }

  /// `sign(p − t)`, divided by `N·C` for the mean; returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  ///   - gradient: Receives ∂loss/∂predictions, the same shape as `predictions`.
  /// - Returns: The loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    ElementwiseLoss.gradient(predictions, targets, into: &gradient, reduction: reduction) { prediction, target in
      let difference = prediction - target
      return (abs(difference), difference > 0 ? 1 : difference < 0 ? -1 : 0)
    }
  }
}
