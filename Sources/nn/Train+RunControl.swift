import NNCore
import NNData
import NNTraining

extension Train {
  /// Applies the flags that say what to train on and for how long, which `--resume` may also change: the data
  /// and its format flags, the data limits (which a model file does not store), batch size, sampling, length,
  /// target loss, block length, early stopping, gradient report, threads; and the element type, which a resumed
  /// run must give as the model's.
  ///
  /// - Parameter settings: The settings to change; flags left out keep what they hold (the defaults, or the
  ///   stored settings when resuming).
  func applyRunControl(to settings: inout TrainingSettings) throws {
    let options = try dataArguments.options()
    if let data { settings.data = data }
    if data != nil || dataArguments.isGiven { settings.dataOptions = options }
    try dataArguments.limits.apply(to: &settings.dataOptions)
    if let batchSize { settings.batchSize = batchSize }
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
      settings.length = .epochs(count)
    case (nil, .some(let count)):
      settings.length = .iterations(count)
    case (nil, nil):
      break
    }
    if let targetLoss {
      settings.targetLoss = targetLoss
      if epochs == nil, iterations == nil { settings.length = .iterations(TrainingSettings.targetLossIterationLimit) }
    }
    if let logEvery { settings.logEvery = logEvery }
    if let patience { settings.patience = patience }
    if let minDelta {
      guard settings.patience != nil else {
        throw CommandFailure("--min-delta only applies with --patience; give --patience N too")
      }
      settings.minimumDelta = minDelta
    }
    if let dtype {
      guard let type = ElementType(named: dtype) else {
        throw CommandFailure("--dtype must be float64 or float32, got '\(dtype)'")
      }
      settings.elementType = type
    }
    settings.reportGradients = reportGradients
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
