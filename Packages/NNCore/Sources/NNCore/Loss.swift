/// How a loss combines the per-element terms of a batch.
public enum Reduction: String, Sendable, Codable, CaseIterable {
  /// The average: the sum divided by the number of terms the loss defines (see each loss).
  case mean
  /// The plain sum over the batch, as in the classic numpy tutorials.
  case sum
}

/// A measure of how far predictions are from targets, with its gradient with respect to the predictions.
///
/// Predictions and targets are batches of the same shape, one sample a row.
public protocol Loss: Component {
  /// How the per-element terms are combined.
  var reduction: Reduction { get }

  /// The registry name of an output activation this loss applies itself, or `nil`.
  ///
  /// `softmax_cross_entropy` returns `"softmax"`: it takes logits, and computes softmax and cross-entropy
  /// together for numerical stability. When a network ends in that activation, training feeds the loss the
  /// activation's input, while prediction still applies it.
  var fusedActivation: String? { get }

  /// The loss of `predictions` against `targets`.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs.
  ///   - targets: The wanted outputs, of the same shape.
  func value(predictions: Matrix, targets: Matrix) -> Double

  /// Writes `∂L/∂predictions` into `gradient` and returns the loss.
  ///
  /// - Parameters:
  ///   - predictions: The network's outputs.
  ///   - targets: The wanted outputs, of the same shape.
  ///   - gradient: Receives the gradient; already of the predictions' shape.
  func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double

  /// The element types this loss computes in itself; a network of any other type still uses it, converting at its
  /// boundary.
  ///
  /// A loss that lists only `float64` is given `float64` copies of a `float32` network's predictions and targets
  /// (kept by the trainer), and its gradient is rounded back.
  var supportedElementTypes: Set<ElementType> { get }
}

extension Loss {
  /// No fused activation.
  public var fusedActivation: String? { nil }

  /// `[.float64]`: losses compute in `Double` unless they say more.
  public var supportedElementTypes: Set<ElementType> { [.float64] }
}
