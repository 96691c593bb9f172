import NNCore

/// How a training step's passes may apply the update that follows them, nothing reading the gradients in between
/// (no gradient clipping, no combining across processes).
struct StepUpdate {
  /// The optimizer's linear step to fold into the weight-gradient products of the layer-by-layer path
  /// (``/NNCore/Optimizer/linearUpdate(learningRate:)``), if any.
  let fold: LinearUpdate?
  /// `η` for the fused kernel's threads to apply the update as they finish a batch's parts (``FusedPassUpdate``),
  /// when the kernel keeps the parameters in a store; else `nil`.
  let rate: Double?

  /// Passes that leave the parameters as they are: gradients alone, or gradients read before the update.
  static let none = StepUpdate(fold: nil, rate: nil)
}
