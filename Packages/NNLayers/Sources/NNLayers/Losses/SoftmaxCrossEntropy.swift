import Foundation
import NNCore

/// Softmax and cross-entropy in one step, for classification: takes logits, not probabilities.
///
/// ```
/// pᵢ = softmax(zᵢ)
/// Lᵢ = −Σⱼ tᵢⱼ log pᵢⱼ = Σⱼ tᵢⱼ (log Σₖ e^(zᵢₖ) − zᵢⱼ)
/// ∂Lᵢ/∂zᵢⱼ = pᵢⱼ · Σₖ tᵢₖ − tᵢⱼ        (= pᵢⱼ − tᵢⱼ for one-hot or probability targets)
/// sum:  L = Σᵢ Lᵢ        mean:  L = Σᵢ Lᵢ / N
/// ```
/// Computing `log Σ e^z` with the row maximum subtracted never overflows and never takes `log 0`, unlike
/// a softmax followed by a separate logarithm. Targets are one-hot rows or any probability rows.
/// When a network ends in `softmax`, training feeds this loss that layer's input (``fusedActivation``).
public struct SoftmaxCrossEntropy: Loss {
  /// How terms combine.
  public let reduction: Reduction

  /// The fused softmax cross-entropy loss.
  ///
  /// - Parameter reduction: `mean` (default, over the rows) or `sum`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// `softmax_cross_entropy(reduction=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "softmax_cross_entropy", arguments: ["reduction": .text(reduction.rawValue)])
  }

  /// `softmax`: this loss applies it itself.
  public var fusedActivation: String? { "softmax" }

  /// `Σᵢ Σⱼ tᵢⱼ (log Σₖ e^(zᵢₖ) − zᵢⱼ)`, divided by `N` for the mean.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  /// - Returns: The loss.
  public func value(predictions: Matrix, targets: Matrix) -> Double {
    predictions.requireSameShape(as: targets, "softmax_cross_entropy")
    let width = predictions.columns
    var total = 0.0
    predictions.withUnsafeBufferPointer { z in
      targets.withUnsafeBufferPointer { t in
        var offset = 0
        while offset < z.count {
          var maximum = -Double.infinity
          for column in 0..<width { maximum = max(maximum, z[offset + column]) }
          var sum = 0.0
          for column in 0..<width { sum += VectorMath.exp(z[offset + column] - maximum) }
          let logSum = maximum + log(sum)
          for column in 0..<width where t[offset + column] != 0 {
            total += t[offset + column] * (logSum - z[offset + column])
          }
          offset += width
        }
      }
    }
    return total * scale(predictions)
  }

  /// `pᵢⱼ · Σₖ tᵢₖ − tᵢⱼ`, divided by `N` for the mean; returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs, one row per sample.
  ///   - targets: The expected outputs, the same shape as `predictions`.
  ///   - gradient: Receives ∂loss/∂predictions, the same shape as `predictions`.
  /// - Returns: The loss.
  public func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    predictions.requireSameShape(as: targets, "softmax_cross_entropy")
    predictions.requireSameShape(as: gradient, "softmax_cross_entropy gradient")
    let width = predictions.columns
    let factor = scale(predictions)
    var total = 0.0
    predictions.withUnsafeBufferPointer { z in
      targets.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          var offset = 0
          while offset < z.count {
            let logSum = Softmax.row(z, g, offset: offset, width: width)
            var targetMass = 0.0
            for column in 0..<width {
              let target = t[offset + column]
              targetMass += target
              if target != 0 { total += target * (logSum - z[offset + column]) }
            }
            for column in 0..<width {
              g[offset + column] = (g[offset + column] * targetMass - t[offset + column]) * factor
            }
            offset += width
          }
        }
      }
    }
    return total * factor
  }

  private func scale(_ predictions: Matrix) -> Double {
    reduction == .sum || predictions.rows == 0 ? 1 : 1 / Double(predictions.rows)
  }
}
