import NNCore

/// An error in assembling a network or in the data given to it.
public enum NetworkError: Error, Sendable, Equatable {
  /// A network needs at least one input feature.
  case invalidInputWidth(Int)
  /// A layer cannot follow the one before it.
  case incompatibleLayer(index: Int, name: String, reason: String)
  /// A layer would have more parameters than ``Sequential/maximumParametersPerLayer``: `shapes` lists them
  /// (`weight 4×134217728, bias 1×134217728`), `parameters` counts them (`nil` when the count overflows an `Int`).
  case layerTooLarge(index: Int, name: String, shapes: String, parameters: Int?)
  /// Parameters given for a network do not match what its layers need.
  case parameterMismatch(layer: Int, name: String, expected: String, found: String)
  /// The data's width does not match the network's.
  case widthMismatch(what: String, expected: Int, found: Int)
  /// Inputs and targets must have one row per sample each.
  case rowMismatch(inputs: Int, targets: Int)
  /// A batch must hold at least one sample.
  case emptyBatch
  /// Training diverged: the loss of mini-batch step `step` (counted from 1) was infinite or not a number.
  case nonFiniteLoss(step: Int, value: Double)
}

extension NetworkError: CustomStringConvertible {
  /// One line naming what is wrong and what is accepted.
  public var description: String {
    switch self {
    case .invalidInputWidth(let width):
      "a network needs at least one input feature, got \(width)"
    case .incompatibleLayer(let index, let name, let reason):
      "layer \(index + 1) ('\(name)') cannot follow the layers before it: \(reason)"
    case .layerTooLarge(let index, let name, let shapes, let parameters):
      "layer \(index + 1) ('\(name)') would have "
        + (parameters.map { "\($0) parameters" } ?? "more parameters than an Int counts")
        + " (\(shapes)); a layer may have at most \(Sequential.maximumParametersPerLayer) (2^28)"
    case .parameterMismatch(let layer, let name, let expected, let found):
      "layer \(layer + 1) parameter '\(name)': expected \(expected), found \(found)"
    case .widthMismatch(let what, let expected, let found):
      "\(what) have \(found) columns, the network expects \(expected)"
    case .rowMismatch(let inputs, let targets):
      "the inputs have \(inputs) rows but the targets \(targets); give one row of targets per row of inputs"
    case .emptyBatch:
      "a batch must hold at least one sample"
    case .nonFiniteLoss(let step, let value):
      "the loss became \(value) at step \(step); try a lower learning rate"
    }
  }
}
