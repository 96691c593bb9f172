import NNCore
import NNData
import NNLayers

/// The checks of combinations of loss, output and data that build but cannot learn.
public enum CombinationCheck {
  /// Refuses combinations of loss, output and data that build but cannot learn: softmax cross-entropy or a
  /// softmax output on one unit (the loss is always 0, the output always 1), and binary cross-entropy on several
  /// units when each sample has exactly one class (softmax cross-entropy is the loss for that).
  ///
  /// - Parameters:
  ///   - trainer: The trainer built from the settings.
  ///   - dataset: The training part.
  ///   - settings: The run's settings, to name the flags (a network given whole, or output widths and
  ///     activations by flag).
  /// - Throws: ``TrainingError`` naming the flags and what to give instead.
  public static func check(trainer: Trainer, dataset: Dataset, settings: TrainingSettings = TrainingSettings()) throws {
    let network = trainer.network
    let lossName = trainer.loss.configuration.name
    let outputFlag = settings.network == nil ? "--outputs 2" : "a network ending in dense(2)"
    if lossName == "softmax_cross_entropy", trainer.lossWidth == 1 {
      throw TrainingError(
        "--loss softmax_cross_entropy needs at least 2 output units, but the network ends in 1 (its loss would "
          + "always be 0); give \(outputFlag), or --loss binary_cross_entropy with a sigmoid output")
    }
    if let last = network.layers.last?.configuration.name, ["softmax", "log_softmax"].contains(last),
      network.outputWidth == 1
    {
      let flag = settings.network == nil ? "--output-activation \(last)" : "--network ending in \(last)"
      throw TrainingError(
        "\(flag) on 1 output unit always gives the same output; give \(outputFlag), or a sigmoid output")
    }
    guard ["binary_cross_entropy", "binary_cross_entropy_with_logits"].contains(lossName), trainer.lossWidth > 1
    else { return }
    let targets = dataset.targets
    let binary = targets.elements.allSatisfy { $0 == 0 || $0 == 1 }
    let singleLabel = (0..<targets.rows).allSatisfy { row in
      (0..<targets.columns).reduce(0.0) { $0 + targets[row, $1] } == 1
    }
    guard !binary || singleLabel else { return }
    let reason =
      binary
      ? "\(dataset.name) has one class per sample; use --loss softmax_cross_entropy for \(dataset.classCount) classes"
        + (dataset.classCount == 2 ? " (or 1 output unit)" : "")
      : "\(dataset.name) has targets other than 0 and 1"
    throw TrainingError(
      "--loss \(lossName) on \(trainer.lossWidth) output units needs multi-label 0/1 targets, but \(reason)")
  }
}
