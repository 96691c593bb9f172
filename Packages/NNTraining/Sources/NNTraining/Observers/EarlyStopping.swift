/// The rule of early stopping (`--patience`): stop once the monitored loss has not improved for `patience` epochs in a row.
///
/// ```
/// improved(v)  ⇔  v < best − minimumDelta        (best starts at +∞; NaN never improves)
/// stop          ⇔  epochs since the best ≥ patience
/// ```
public struct EarlyStopping: Sendable, Equatable {
  /// What one epoch's value means for the run.
  public enum Decision: Sendable, Equatable {
    /// The value is the best so far: keep these weights.
    case improved
    /// No improvement, but fewer than `patience` epochs since the best.
    case waiting
    /// `patience` epochs without improvement: stop.
    case stop
  }

  /// Epochs without improvement that stop the run, at least 1.
  public let patience: Int
  /// How much lower than the best a value must be to count as an improvement, at least 0.
  public let minimumDelta: Double
  /// The best value so far (+∞ before the first).
  public private(set) var bestValue = Double.infinity
  /// The epoch of the best value, once there is one.
  public private(set) var bestEpoch: Int?
  /// Epochs since the best one.
  public private(set) var epochsWithoutImprovement = 0

  /// The rule for the given flags.
  ///
  /// - Parameters:
  ///   - patience: Epochs without improvement that stop the run, at least 1.
  ///   - minimumDelta: The least decrease that counts as an improvement, at least 0.
  public init(patience: Int, minimumDelta: Double) {
    self.patience = patience
    self.minimumDelta = minimumDelta
  }

  /// Records the monitored value at the end of an epoch and says what to do.
  ///
  /// - Parameters:
  ///   - value: The monitored loss at the end of the epoch.
  ///   - epoch: The epoch that just ended.
  public mutating func record(_ value: Double, epoch: Int) -> Decision {
    if value < bestValue - minimumDelta {
      bestValue = value
      bestEpoch = epoch
      epochsWithoutImprovement = 0
      return .improved
    }
    epochsWithoutImprovement += 1
    return epochsWithoutImprovement >= patience ? .stop : .waiting
  }
}
