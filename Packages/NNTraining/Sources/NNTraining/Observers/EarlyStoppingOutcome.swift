import Foundation

/// How a run with `--patience` ended: its best epoch, whether it stopped early, and whether the best epoch's
/// model was restored.
public struct EarlyStoppingOutcome: Sendable, Equatable {
  /// The loss the rule watched.
  public enum Monitor: String, Sendable, Equatable {
    /// The loss over the test part.
    case validation
    /// The loss over the whole training part.
    case training
  }

  /// The loss the rule watched.
  public let monitor: Monitor
  /// The epoch with the lowest monitored loss.
  public let bestEpoch: Int
  /// The monitored loss at the end of that epoch.
  public let bestLoss: Double
  /// The epoch at whose end the rule stopped the run, if it did.
  public let stoppedEpoch: Int?
  /// Whether the model of the best epoch replaced the last one.
  public let restored: Bool

  /// The one line for people: `stopped early at epoch 37, restored epoch 25 (val loss 0.041200)`.
  public var text: String {
    let loss = "\(monitor == .validation ? "val loss" : "loss") \(String(format: "%.6f", bestLoss))"
    if let stoppedEpoch {
      return "stopped early at epoch \(stoppedEpoch), restored epoch \(bestEpoch) (\(loss))"
    }
    if restored { return "restored epoch \(bestEpoch), the best (\(loss))" }
    return "the last epoch, \(bestEpoch), was the best (\(loss))"
  }
}
