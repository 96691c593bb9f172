import NNLayers

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
    if let width = hiddenLayers.first(where: { $0 > Sequential.maximumParametersPerLayer }) {
      throw TrainingError(
        "--layers expects widths of at most \(Sequential.maximumParametersPerLayer) (a layer's parameter limit), "
          + "got \(width)")
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
    try SettingCheck.batchSize(batchSize)
    try SettingCheck.length(length)
    if let targetLoss { try SettingCheck.targetLoss(targetLoss) }
    if let logEvery { try SettingCheck.blockLength(logEvery) }
    if let patience { try SettingCheck.patience(patience) }
    try SettingCheck.minimumDelta(minimumDelta)
    guard threads >= 1 else { throw TrainingError("--threads must be at least 1, got \(threads)") }
  }
}
