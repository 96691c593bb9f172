import NNCore

/// The shared loop of losses that add up one term per element: `L = Σᵢⱼ ℓ(pᵢⱼ, tᵢⱼ)`, divided by `N·C`
/// for the mean reduction.
enum ElementwiseLoss {
  /// `Σ ℓ(p, t)` with the reduction applied.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs.
  ///   - targets: The wanted outputs, of the same shape.
  ///   - reduction: Mean over every element, or sum.
  ///   - term: `ℓ(p, t)` of one prediction and its target.
  @inlinable static func value(
    _ predictions: Matrix, _ targets: Matrix, reduction: Reduction, term: (Double, Double) -> Double
  ) -> Double {
    predictions.requireSameShape(as: targets, "loss")
    var total = 0.0
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        for index in p.indices { total += term(p[index], t[index]) }
      }
    }
    return total * scale(predictions, reduction)
  }

  /// Writes `∂ℓ/∂p` (scaled for the mean) into `gradient` and returns the reduced loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs.
  ///   - targets: The wanted outputs, of the same shape.
  ///   - gradient: Receives `∂L/∂p`; of the predictions' shape.
  ///   - reduction: Mean over every element, or sum.
  ///   - term: `(ℓ(p, t), ∂ℓ/∂p)` of one prediction and its target.
  @inlinable static func gradient(
    _ predictions: Matrix, _ targets: Matrix, into gradient: inout Matrix, reduction: Reduction,
    term: (Double, Double) -> (value: Double, slope: Double)
  ) -> Double {
    predictions.requireSameShape(as: targets, "loss")
    predictions.requireSameShape(as: gradient, "loss gradient")
    let factor = scale(predictions, reduction)
    var total = 0.0
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          for index in p.indices {
            let (value, slope) = term(p[index], t[index])
            total += value
            g[index] = slope * factor
          }
        }
      }
    }
    return total * factor
  }

  /// `1` for the sum, `1/(N·C)` for the mean.
  @inlinable static func scale(_ predictions: Matrix, _ reduction: Reduction) -> Double {
    reduction == .sum || predictions.count == 0 ? 1 : 1 / Double(predictions.count)
  }
}
