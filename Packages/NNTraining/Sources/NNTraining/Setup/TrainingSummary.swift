import Foundation
import NNCore

/// The result of `nn train`, printed for people or as one JSON object.
public struct TrainingSummary: Encodable {
  /// The loss over the whole training data after training.
  public let loss: Double
  /// The accuracy over the whole training data after training.
  public let accuracy: Double
  /// The loss over the test part, when one is held out.
  public let testLoss: Double?
  /// The accuracy over the test part, when one is held out.
  public let testAccuracy: Double?
  /// Samples processed (steps × batch size).
  public let samples: Int
  /// Steps taken.
  public let iterations: Int
  /// Completed epochs.
  public let epochs: Int
  /// Seconds spent in the training loop.
  public let seconds: Double
  /// The layer widths, such as `4-12-6-3`.
  public let network: String
  /// The data set's name.
  public let data: String
  /// The random seed.
  public let seed: UInt64

  /// The target loss, when one was set.
  public let targetLoss: Double?
  /// Whether the target loss was reached, when one was set.
  public let targetReached: Bool?
  /// Per-layer gradient norms, with `--report-gradients`.
  public let gradients: GradientReport?
  /// How early stopping ended, with `--patience`.
  public var earlyStopping: EarlyStoppingOutcome? = nil
  /// The instruction set of the fused kernel's inner loops (``/NNLayers/Trainer/kernelInstructionSet``), or `nil`
  /// when the network trains layer by layer.
  public var kernels: String? = nil
  /// The element type the network computed in (`dtype` in the JSON).
  public var elementType = ElementType.float64
  /// The loss and accuracy of each epoch or block (not in the JSON).
  public var history = TrainingHistory(unit: .epoch)

  /// Samples per second of training.
  public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }

  private enum CodingKeys: String, CodingKey {
    case loss, accuracy, samples, iterations, epochs, seconds, network, data, seed
    case samplesPerSecond = "samples_per_second"
    case testLoss = "test_loss"
    case testAccuracy = "test_accuracy"
    case targetLoss = "target_loss"
    case targetReached = "target_reached"
    case gradients
    case bestEpoch = "best_epoch"
    case bestLoss = "best_loss"
    case monitor
    case stoppedEarly = "stopped_early"
    case kernels
    case elementType = "dtype"
  }

  /// Encodes the summary as the JSON object `nn train --json` prints (NaN accuracies left out).
  ///
  /// - Parameter encoder: The encoder.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(loss, forKey: .loss)
    try container.encode(accuracy.isNaN ? nil : accuracy, forKey: .accuracy)
    try container.encodeIfPresent(testLoss, forKey: .testLoss)
    if let testAccuracy, !testAccuracy.isNaN { try container.encode(testAccuracy, forKey: .testAccuracy) }
    try container.encodeIfPresent(targetLoss, forKey: .targetLoss)
    try container.encodeIfPresent(targetReached, forKey: .targetReached)
    try container.encodeIfPresent(gradients, forKey: .gradients)
    if let earlyStopping {
      try container.encode(earlyStopping.bestEpoch, forKey: .bestEpoch)
      try container.encode(earlyStopping.bestLoss, forKey: .bestLoss)
      try container.encode(earlyStopping.monitor.rawValue, forKey: .monitor)
      try container.encode(earlyStopping.stoppedEpoch != nil, forKey: .stoppedEarly)
    }
    try container.encode(samples, forKey: .samples)
    try container.encode(iterations, forKey: .iterations)
    try container.encode(epochs, forKey: .epochs)
    try container.encode(seconds, forKey: .seconds)
    try container.encode(samplesPerSecond, forKey: .samplesPerSecond)
    try container.encode(network, forKey: .network)
    try container.encode(data, forKey: .data)
    try container.encode(seed, forKey: .seed)
    try container.encodeIfPresent(kernels, forKey: .kernels)
    try container.encode(elementType, forKey: .elementType)
  }

  private var testLine: String {
    guard let testLoss else { return "" }
    let accuracyText = testAccuracy.map { $0.isNaN ? "" : "  test accuracy \(String(format: "%.4f", $0))" } ?? ""
    return "\ntest loss \(String(format: "%.6f", testLoss))\(accuracyText)"
  }

  private var targetLine: String {
    guard let targetLoss, let targetReached else { return "" }
    let outcome = targetReached ? "reached" : "not reached"
    return "\ntarget loss \(targetLoss) \(outcome) after \(iterations) iterations"
  }

  private var earlyStoppingLine: String {
    earlyStopping.map { "\n" + $0.text } ?? ""
  }

  private var gradientLines: String {
    gradients.map { "\n" + $0.text } ?? ""
  }

  /// The summary for people.
  public var humanReadable: String {
    """
    trained \(network)\(elementType == .float64 ? "" : " in \(elementType)") on \(data): \(iterations) iterations, \(epochs) epochs, \(samples) samples in \
    \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", samplesPerSecond)) samples/s)
    final loss \(String(format: "%.6f", loss))  accuracy \(String(format: "%.4f", accuracy))\(testLine)\(targetLine)\(earlyStoppingLine)\(gradientLines)
    """
  }
}
