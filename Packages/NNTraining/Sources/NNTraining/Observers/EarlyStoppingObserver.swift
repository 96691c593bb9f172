/// Early stopping: watches the validation loss (the training loss when the fit has no validation part) at the
/// end of every epoch, stops the fit after ``EarlyStopping/patience`` epochs without improvement, and at the end
/// of the fit, stopped early or not, restores the best epoch's state: weights, optimizer state, step count,
/// batch stream and random state.
///
/// ```swift
/// let stopping = EarlyStoppingObserver(patience: 20)
/// try run.fit(train, validation: test, length: .epochs(1000), observers: [stopping])
/// print(stopping.outcome?.text ?? "")  // "stopped early at epoch 137, restored epoch 117 (val loss 0.041200)"
/// ```
public final class EarlyStoppingObserver: TrainingObserver {
  /// None: it decides at epoch ends.
  public var stepEvents: TrainingStepEvents { [] }

  /// The rule and its record so far.
  public private(set) var rule: EarlyStopping
  /// How the last fit ended, once it has: the best epoch, whether it stopped early, whether it restored.
  public private(set) var outcome: EarlyStoppingOutcome?
  /// The state at the end of the best epoch so far.
  private var best: (checkpoint: TrainingCheckpoint, loss: Double)?
  /// The epoch at whose end the rule stopped the fit.
  private var stoppedEpoch: Int?
  /// What the fit is watching.
  private var monitor = EarlyStoppingOutcome.Monitor.validation

  /// Early stopping.
  ///
  /// - Parameters:
  ///   - patience: Epochs without improvement that stop the fit, at least 1.
  ///   - minimumDelta: The least decrease of the monitored loss that counts as an improvement, at least 0.
  /// - Throws: ``TrainingError`` for a patience below 1 or a negative or non-finite delta.
  public init(patience: Int, minimumDelta: Double = 0) throws(TrainingError) {
    try SettingCheck.patience(patience)
    try SettingCheck.minimumDelta(minimumDelta)
    rule = EarlyStopping(patience: patience, minimumDelta: minimumDelta)
  }

  /// Starts watching: every epoch end is evaluated.
  ///
  /// - Parameter run: The run.
  public func fitWillBegin(_ run: inout TrainingRun) throws {
    rule = EarlyStopping(patience: rule.patience, minimumDelta: rule.minimumDelta)
    best = nil
    stoppedEpoch = nil
    outcome = nil
    run.evaluatesEachEpoch = true
    monitor = run.hasValidationPart ? .validation : .training
  }

  /// Records the monitored loss; keeps a checkpoint of an improved epoch, or stops.
  ///
  /// - Parameters:
  ///   - epoch: The epoch that ended.
  ///   - run: The run.
  public func epochDidEnd(_ epoch: EpochReport, _ run: inout TrainingRun) throws {
    let monitored = try epoch.validation?.loss ?? run.trainingEvaluation().loss
    switch rule.record(monitored, epoch: epoch.epoch) {
    case .improved: best = (run.checkpoint(), monitored)
    case .waiting: break
    case .stop:
      stoppedEpoch = epoch.epoch
      run.requestStop(.noImprovement)
    }
  }

  /// Restores the best epoch's state, if a later one ended the fit, and records the outcome.
  ///
  /// - Parameter run: The run.
  public func fitDidEnd(_ run: inout TrainingRun) throws {
    guard let best, let bestEpoch = rule.bestEpoch else { return }
    let restores = best.checkpoint.completedSteps != run.completedSteps
    if restores { run.restore(best.checkpoint) }
    outcome = EarlyStoppingOutcome(
      monitor: monitor, bestEpoch: bestEpoch, bestLoss: best.loss, stoppedEpoch: stoppedEpoch, restored: restores)
  }
}
