extension TrainingSettings {
  /// Checks every value against what it accepts, naming the setting by its `nn train` flag.
  ///
  /// - Throws: ``TrainingError`` for the first value out of range.
  public func check() throws(TrainingError) {
    if let testFraction, !(testFraction > 0 && testFraction < 1) {
      throw TrainingError("--test-fraction must be between 0 and 1 (exclusive), got \(testFraction)")
    }
    if let outputs, outputs < 1 { throw TrainingError("--outputs must be at least 1, got \(outputs)") }
    if let width = hiddenLayers.first(where: { $0 < 1 }) {
      throw TrainingError("--layers expects positive widths, got \(width)")
    }
    guard learningRate > 0, learningRate.isFinite else {
      throw TrainingError("--lr must be a positive number, got \(learningRate)")
    }
    switch gradientClipping {
    case .norm(let limit) where !(limit > 0 && limit.isFinite):
      throw TrainingError("--clip-norm must be positive, got \(limit)")
    case .value(let limit) where !(limit > 0 && limit.isFinite):
      throw TrainingError("--clip-value must be positive, got \(limit)")
    default: break
    }
    guard batchSize >= 1 else { throw TrainingError("--batch-size must be at least 1, got \(batchSize)") }
    switch length {
    case .epochs(let count) where count < 1: throw TrainingError("--epochs must be at least 1, got \(count)")
    case .iterations(let count) where count < 1: throw TrainingError("--iterations must be at least 1, got \(count)")
    default: break
    }
    if let targetLoss, !(targetLoss > 0 && targetLoss.isFinite) {
      throw TrainingError("--target-loss must be a positive number, got \(targetLoss)")
    }
    if let logEvery, logEvery < 1 { throw TrainingError("--log-every must be at least 1, got \(logEvery)") }
    if let patience, patience < 1 { throw TrainingError("--patience must be at least 1 epoch, got \(patience)") }
    guard minimumDelta >= 0, minimumDelta.isFinite else {
      throw TrainingError("--min-delta must be a number of at least 0, got \(minimumDelta)")
    }
    guard threads >= 1 else { throw TrainingError("--threads must be at least 1, got \(threads)") }
  }
}
