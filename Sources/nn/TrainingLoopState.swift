import NNTraining

/// What the training loop keeps between steps: counts, running means, the latest evaluations, the history and
/// the early-stopping rule with its best checkpoint.
struct TrainingLoopState {
  /// The epochs or blocks so far.
  var history: TrainingHistory
  /// The `--patience` rule, when set.
  var stopping: EarlyStopping?
  /// The state of the best epoch so far, with `--patience`.
  var best: TrainingCheckpoint?
  /// The epoch at whose end the rule stopped the run, if it did.
  var stoppedEpoch: Int?
  /// The batch losses since the last history entry.
  var periodLoss = RunningMean()
  /// The batch losses since the last progress block.
  var blockLoss = RunningMean()
  /// The accuracy over the training part at its last evaluation.
  var accuracy: Double?
  /// The loss over the test part at its last evaluation.
  var validationLoss: Double?
  /// The accuracy over the test part at its last evaluation.
  var validationAccuracy: Double?
  /// Samples processed.
  var samples = 0
  /// Steps taken in this run.
  var completed = 0
  /// Whether a block's mean batch loss fell below `--target-loss`.
  var targetReached = false

  /// The mean batch loss of the current epoch or block, or of the last entry when it has just ended.
  var recentLoss: Double {
    periodLoss.count > 0 ? periodLoss.mean : (history.entries.last?.trainingLoss ?? .nan)
  }

  /// The numbers to show now; speed and time left are filled in by the caller.
  ///
  /// - Parameters:
  ///   - iteration: Steps done.
  ///   - iterations: Steps in all.
  ///   - epoch: Completed epochs.
  ///   - loss: The loss to show.
  func snapshot(iteration: Int, of iterations: Int, epoch: Int, loss: Double) -> ProgressSnapshot {
    ProgressSnapshot(
      iteration: iteration, iterations: iterations, epoch: epoch, lastEpoch: nil, loss: loss,
      accuracy: accuracy.flatMap { $0.isNaN ? nil : $0 }, validationLoss: validationLoss,
      validationAccuracy: validationAccuracy, samplesPerSecond: 0, secondsLeft: nil)
  }
}
