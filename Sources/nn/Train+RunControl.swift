import NNData
import NNTraining

extension Train {
  /// Applies the flags that say what to train on and for how long, which `--resume` may also change: the data
  /// and its format flags, batch size, sampling, length, target loss, block length, early stopping, gradient
  /// report, threads.
  ///
  /// - Parameter settings: The settings to change; flags left out keep what they hold (the defaults, or the
  ///   stored settings when resuming).
  func applyRunControl(to settings: inout TrainingSettings) throws {
    let options = try dataArguments.options()
    if let data { settings.data = data }
    if data != nil || dataArguments.isGiven { settings.dataOptions = options }
    if let batchSize {
      guard batchSize >= 1 else { throw CommandFailure("--batch-size must be at least 1, got \(batchSize)") }
      settings.batchSize = batchSize
    }
    if let sampling {
      guard let mode = SamplingMode(rawValue: sampling) else {
        throw CommandFailure("--sampling must be shuffle, replacement or subset, got '\(sampling)'")
      }
      settings.sampling = mode
    }
    switch (epochs, iterations) {
    case (.some, .some):
      throw CommandFailure("give --epochs or --iterations, not both")
    case (.some(let count), nil):
      guard count >= 1 else { throw CommandFailure("--epochs must be at least 1, got \(count)") }
      settings.length = .epochs(count)
    case (nil, .some(let count)):
      guard count >= 1 else { throw CommandFailure("--iterations must be at least 1, got \(count)") }
      settings.length = .iterations(count)
    case (nil, nil):
      break
    }
    if let targetLoss {
      guard targetLoss > 0, targetLoss.isFinite else {
        throw CommandFailure("--target-loss must be a positive number, got \(targetLoss)")
      }
      settings.targetLoss = targetLoss
      if epochs == nil, iterations == nil { settings.length = .iterations(TrainingSettings.targetLossIterationLimit) }
    }
    if let logEvery {
      guard logEvery >= 1 else { throw CommandFailure("--log-every must be at least 1, got \(logEvery)") }
      settings.logEvery = logEvery
    }
    if let patience {
      guard patience >= 1 else { throw CommandFailure("--patience must be at least 1 epoch, got \(patience)") }
      settings.patience = patience
    }
    if let minDelta {
      guard minDelta >= 0, minDelta.isFinite else {
        throw CommandFailure("--min-delta must be a number of at least 0, got \(minDelta)")
      }
      guard settings.patience != nil else {
        throw CommandFailure("--min-delta only applies with --patience; give --patience N too")
      }
      settings.minimumDelta = minDelta
    }
    settings.reportGradients = reportGradients
    guard threads >= 1 else { throw CommandFailure("--threads must be at least 1, got \(threads)") }
    settings.threads = threads
  }

  /// The settings of a resumed run: those stored in the model file, changed by the run-control flags given.
  ///
  /// - Parameter stored: The settings the model file holds.
  func resumedSettings(_ stored: TrainingSettings) throws -> TrainingSettings {
    var settings = stored
    try applyRunControl(to: &settings)
    return settings
  }
}
