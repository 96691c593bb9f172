@_spi(Internals) import NNCore

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

  /// Writes `∂L/∂p` into `gradient` and returns `L`, computed by the C kernels.
  ///
  /// - Parameters:
  ///   - predictions: The last stage's output, `groups × width` lane vectors.
  ///   - targets: The targets in lane layout.
  ///   - gradient: Receives `∂L/∂p` in lane layout.
  ///   - width: `C`, the number of values in a row.
  ///   - rows: The number of real rows in the lanes (the rest of the last group is padding).
  ///   - scaleRows: `N`, the rows of the whole batch, which a mean divides by: `rows`, or more when the lanes hold
  ///     a part of the batch.
  ///   - outputDerivative: The derivative of the activation that produced the predictions, applied to the squared
  ///     error's gradient (``takesOutputDerivative``), or `nil`.
  ///   - kernels: The C kernels.
  func evaluate(
    predictions: UnsafePointer<LaneVector>, targets: UnsafePointer<LaneVector>,
    gradient: UnsafeMutablePointer<LaneVector>, width: Int, rows: Int, scaleRows: Int,
    outputDerivative: OutputDerivative?, kernels: KernelTable
  ) -> Double {
    // Eight partial sums, one per lane, summed here.
    var totals = LaneVector.zero
    let scale: Double
    switch self {
    case .squaredError(let reduction):
      scale = reduction == .sum ? 1 : 1 / Double(scaleRows &* width)
      withUnsafeMutableBytes(of: &totals) { lanes in
        kernels.table.pointee.squaredError(
          predictions, targets, gradient, width, rows, scale, outputDerivative?.kernelCode ?? 0,
          lanes.baseAddress!.assumingMemoryBound(to: Double.self))
      }
    case .softmaxCrossEntropy(let reduction):
      scale = reduction == .sum ? 1 : 1 / Double(scaleRows)
      withUnsafeMutableBytes(of: &totals) { lanes in
        kernels.table.pointee.softmaxCrossEntropy(
          predictions, targets, gradient, width, rows, scale, lanes.baseAddress!.assumingMemoryBound(to: Double.self))
      }
    }
    return totals.sum() * scale
  }

  /// ``evaluate(predictions:targets:gradient:width:rows:scaleRows:outputDerivative:kernels:)`` in `float32`, on lanes of
  /// sixteen `Float` samples (the float32 C kernels): the scale `s` and the sixteen lane partial sums are `Float`;
  /// they are added in halves twice in `Float` (lanes `l` and `l + 8`, then `l` and `l + 4`), and the four sums in
  /// `Double`.
  ///
  /// The sixteen sums one after another in `Double`, each conversion and addition waiting for the last, took 17 ns of
  /// a sphere step (3-3-2-1, batch 128, about 440 ns): 4%.
  ///
  /// - Parameters:
  ///   - predictions: The last stage's output, `groups × width` lane vectors of sixteen floats.
  ///   - targets: The targets in lane layout.
  ///   - gradient: Receives `∂L/∂p` in lane layout.
  ///   - width: `C`, the number of values in a row.
  ///   - rows: The number of real rows in the lanes.
  ///   - scaleRows: `N`, the rows of the whole batch.
  ///   - outputDerivative: The derivative the squared error's gradient carries, or `nil`.
  ///   - kernels: The C kernels.
  func evaluateFloat(
    predictions: UnsafePointer<LaneVector>, targets: UnsafePointer<LaneVector>,
    gradient: UnsafeMutablePointer<LaneVector>, width: Int, rows: Int, scaleRows: Int,
    outputDerivative: OutputDerivative?, kernels: KernelTable
  ) -> Double {
    // Sixteen partial sums, one per lane.
    var totals = SIMD16<Float>.zero
    let scale: Float
    let table = kernels.floatTable.pointee
    switch self {
    case .squaredError(let reduction):
      scale = reduction == .sum ? 1 : 1 / Float(scaleRows &* width)
      withUnsafeMutableBytes(of: &totals) { lanes in
        table.squaredError(
          predictions, targets, gradient, width, rows, scale, outputDerivative?.kernelCode ?? 0,
          lanes.baseAddress!.assumingMemoryBound(to: Float.self))
      }
    case .softmaxCrossEntropy(let reduction):
      scale = reduction == .sum ? 1 : 1 / Float(scaleRows)
      withUnsafeMutableBytes(of: &totals) { lanes in
        table.softmaxCrossEntropy(
          predictions, targets, gradient, width, rows, scale, lanes.baseAddress!.assumingMemoryBound(to: Float.self))
      }
    }
    let quarters = (totals.lowHalf + totals.highHalf).lowHalf + (totals.lowHalf + totals.highHalf).highHalf
    return ((Double(quarters[0]) + Double(quarters[1])) + (Double(quarters[2]) + Double(quarters[3]))) * Double(scale)
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
}
