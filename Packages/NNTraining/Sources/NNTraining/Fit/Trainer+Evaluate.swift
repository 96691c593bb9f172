import NNCore
import NNData
import NNLayers

extension Trainer {
  /// The loss over a whole data set in inference mode and, for classification, the accuracy: the share of
  /// samples whose largest output is at their label (a single output counts as class 1 when it is above 0.5).
  ///
  /// - Parameter dataset: The samples; its targets must have ``/NNLayers/Trainer/lossWidth`` columns.
  /// - Returns: The loss, and the accuracy or `nil` for regression.
  /// - Throws: ``/NNLayers/NetworkError`` when the widths do not match.
  public func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double?) {
    let (loss, outputs) = try evaluate(inputs: dataset.features, targets: dataset.targets)
    return (loss, dataset.labels.map { Accuracy.of(outputs, labels: $0) })
  }
}
