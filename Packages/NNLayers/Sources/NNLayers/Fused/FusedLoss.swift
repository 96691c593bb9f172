import Foundation
import NNCore

/// The losses the fused kernel evaluates in lanes, with their gradients with respect to the predictions.
///
/// For a batch of `N` rows of `C` values (`p` predictions or logits, `t` targets):
/// ```
/// squaredError:         L = s · Σᵢⱼ (pᵢⱼ − tᵢⱼ)²                      ∂L/∂pᵢⱼ = 2s (pᵢⱼ − tᵢⱼ)
///                       s = 1 (sum) or 1/(N·C) (mean)                  (``MeanSquaredError``)
/// softmaxCrossEntropy:  L = s · Σᵢ Σⱼ tᵢⱼ (log Σₖ e^(zᵢₖ) − zᵢⱼ)         ∂L/∂zᵢⱼ = s (softmax(zᵢ)ⱼ · Σₖ tᵢₖ − tᵢⱼ)
///                       s = 1 (sum) or 1/N (mean)                      (``SoftmaxCrossEntropy``)
/// ```
/// Padding lanes of the last group contribute nothing: their gradient is zero and their loss term is dropped.
enum FusedLoss {
  /// ``MeanSquaredError`` with its reduction.
  case squaredError(Reduction)
  /// ``SoftmaxCrossEntropy`` with its reduction (`log Σ e^z` with the row maximum subtracted).
  case softmaxCrossEntropy(Reduction)

  /// The lane form of `loss`, or `nil` when the fused kernel does not know it.
  ///
  /// - Parameter loss: The trainer's loss.
  init?(_ loss: any Loss) {
    if let squared = loss as? MeanSquaredError {
      self = .squaredError(squared.reduction)
    } else if let crossEntropy = loss as? SoftmaxCrossEntropy {
      self = .softmaxCrossEntropy(crossEntropy.reduction)
    } else {
      return nil
    }
  }

  /// Writes `∂L/∂p` into `gradient` and returns `L`.
  ///
  /// - Parameters:
  ///   - predictions: The last stage's output, `groups × width` lane vectors.
  ///   - targets: The targets in lane layout.
  ///   - gradient: Receives `∂L/∂p` in lane layout.
  ///   - width: `C`, the number of values in a row.
  ///   - rows: `N`, the number of real rows (the rest of the last group is padding).
  ///   - outputDerivative: The derivative of the activation that produced the predictions, applied to the squared
  ///     error's gradient (``takesOutputDerivative``), or `nil`.
  func evaluate(
    predictions: UnsafePointer<LaneVector>, targets: UnsafePointer<LaneVector>,
    gradient: UnsafeMutablePointer<LaneVector>, width: Int, rows: Int, outputDerivative: OutputDerivative?
  ) -> Double {
    switch self {
    case .squaredError(let reduction):
      let scale = reduction == .sum ? 1 : 1 / Double(rows &* width)
      // One call per derivative, each compiled with it constant; the same through `OutputDerivative.specialized`
      // (a closure) measured 2% slower on iris.
      switch outputDerivative {
      case nil:
        return FusedLoss.squaredError(predictions, targets, gradient, width: width, rows: rows, scale: scale)
      case .sigmoid?:
        return FusedLoss.squaredError(
          predictions, targets, gradient, width: width, rows: rows, scale: scale, derivative: .sigmoid)
      case .tanh?:
        return FusedLoss.squaredError(
          predictions, targets, gradient, width: width, rows: rows, scale: scale, derivative: .tanh)
      case .rectifier?:
        return FusedLoss.squaredError(
          predictions, targets, gradient, width: width, rows: rows, scale: scale, derivative: .rectifier)
      }
    case .softmaxCrossEntropy(let reduction):
      let scale = reduction == .sum ? 1 : 1 / Double(rows)
      return FusedLoss.crossEntropy(predictions, targets, gradient, width: width, rows: rows, scale: scale)
    }
  }

  /// Whether the loss is a mean over the batch (rather than a sum).
  var isMean: Bool {
    switch self {
    case .squaredError(let reduction), .softmaxCrossEntropy(let reduction): reduction == .mean
    }
  }

  /// Whether the loss's gradient can carry the last activation's derivative (``OutputDerivative``): the squared
  /// error's can; softmax cross-entropy takes the logits, after no activation.
  var takesOutputDerivative: Bool {
    if case .squaredError = self { true } else { false }
  }

  /// `L` and `∂L/∂p` of the squared error, the gradient times `derivative` of the predictions when one is given
  /// (the loss is then `∂L/∂z` of the last stage).
  @inline(__always)
  private static func squaredError(
    _ p: UnsafePointer<LaneVector>, _ t: UnsafePointer<LaneVector>, _ gradient: UnsafeMutablePointer<LaneVector>,
    width: Int, rows: Int, scale: Double, derivative: OutputDerivative? = nil
  ) -> Double {
    let twice = LaneVector(repeating: 2 * scale)
    var total = LaneVector.zero
    let groups = LaneLayout.groups(rows: rows)
    for group in 0..<groups {
      let valid = LaneLayout.validLanes(group: group, rows: rows)
      let base = group &* width
      // Each group's squares in a sum of their own: one chain of multiply-adds through the whole batch
      // (24 on iris) took 1.3% of a step.
      var groupTotal = LaneVector.zero
      for unit in 0..<width {
        let difference = LaneVector.zero.replacing(with: p[base &+ unit] - t[base &+ unit], where: valid)
        groupTotal.addProduct(difference, difference)
        let upstream = difference * twice
        gradient[base &+ unit] = derivative.map { $0.apply(upstream, output: p[base &+ unit]) } ?? upstream
      }
      total += groupTotal
    }
    return total.sum() * scale
  }

  private static func crossEntropy(
    _ z: UnsafePointer<LaneVector>, _ t: UnsafePointer<LaneVector>, _ gradient: UnsafeMutablePointer<LaneVector>,
    width: Int, rows: Int, scale: Double
  ) -> Double {
    var total = LaneVector.zero
    let factor = LaneVector(repeating: scale)
    let groups = LaneLayout.groups(rows: rows)
    for group in 0..<groups {
      let valid = LaneLayout.validLanes(group: group, rows: rows)
      let base = group &* width
      var maximum = z[base]
      for unit in 1..<max(width, 1) {
        let value = z[base &+ unit]
        maximum = maximum.replacing(with: value, where: value .> maximum)
      }
      var sum = LaneVector.zero
      var mass = LaneVector.zero
      for unit in 0..<width {
        let exponential = VectorMath.exp(z[base &+ unit] - maximum)
        gradient[base &+ unit] = exponential
        sum += exponential
        mass += t[base &+ unit]
      }
      var logSum = maximum
      for lane in 0..<8 { logSum[lane] += Foundation.log(sum[lane]) }
      var groupLoss = LaneVector.zero
      for unit in 0..<width {
        let target = t[base &+ unit]
        let term = target * (logSum - z[base &+ unit])
        groupLoss += term.replacing(with: 0, where: target .== 0)
        let probability = gradient[base &+ unit] / sum
        gradient[base &+ unit] = LaneVector.zero.replacing(
          with: (probability * mass - target) * factor, where: valid)
      }
      total += LaneVector.zero.replacing(with: groupLoss, where: valid)
    }
    return total.sum() * scale
  }
}
