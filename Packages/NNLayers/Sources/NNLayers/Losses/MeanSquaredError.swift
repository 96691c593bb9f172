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
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    predictions.requireSameShape(as: targets, "mse")
    var total = 0.0
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        for index in p.indices {
          let difference = p[index] - t[index]
          total += difference * difference
        }
      }
    }
    return total * scale(predictions)
  }

  /// `2 (p − t)`, divided by `N·C` for the mean; returns the loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    predictions.requireSameShape(as: targets, "mse")
    predictions.requireSameShape(as: gradient, "mse gradient")
    let factor = scale(predictions)
    var total = 0.0
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          for index in p.indices {
            let difference = p[index] - t[index]
            total += difference * difference
            g[index] = 2 * difference * factor
          }
        }
      }
    }
    return total * factor
  }

  private func scale(_ predictions: Matrix) -> Double {
    reduction == .sum || predictions.count == 0 ? 1 : 1 / Double(predictions.count)
  }
}
