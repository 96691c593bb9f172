/// The checks of the values that both the settings (``TrainingSettings/check()``) and the run's own types
/// (``TrainingRun``, its observers) accept, each with its one message naming the `nn train` flag.
enum SettingCheck {
  /// Samples per step, at least 1.
  static func batchSize(_ value: Int) throws(TrainingError) {
    guard value >= 1 else { throw TrainingError("--batch-size must be at least 1, got \(value)") }
  }

  /// A length of at least one epoch or step.
  static func length(_ length: TrainingLength) throws(TrainingError) {
    switch length {
    case .epochs(let count) where count < 1: throw TrainingError("--epochs must be at least 1, got \(count)")
    case .iterations(let count) where count < 1: throw TrainingError("--iterations must be at least 1, got \(count)")
    default: break
    }
  }

  /// Steps per block, at least 1.
  static func blockLength(_ value: Int) throws(TrainingError) {
    guard value >= 1 else { throw TrainingError("--log-every must be at least 1, got \(value)") }
  }

  /// Epochs without improvement, at least 1.
  static func patience(_ value: Int) throws(TrainingError) {
    guard value >= 1 else { throw TrainingError("--patience must be at least 1 epoch, got \(value)") }
  }

  /// The least improvement, finite and at least 0.
  static func minimumDelta(_ value: Double) throws(TrainingError) {
    guard value >= 0, value.isFinite else {
      throw TrainingError("--min-delta must be a number of at least 0, got \(value)")
    }
  }

  /// A target loss, positive and finite.
  static func targetLoss(_ value: Double) throws(TrainingError) {
    guard value > 0, value.isFinite else {
      throw TrainingError("--target-loss must be a positive number, got \(value)")
    }
  }
}
