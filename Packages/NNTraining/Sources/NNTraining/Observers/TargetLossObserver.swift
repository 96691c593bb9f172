/// Stops a fit once the mean batch loss of a block falls below a target.
///
/// ```
/// stop  ⇔  (1/B) Σ_b L_b < target   over the B batches of a block
/// ```
public final class TargetLossObserver: TrainingObserver {
  /// None: it decides at block ends.
  public var stepEvents: TrainingStepEvents { [] }

  /// The target.
  public let target: Double
  /// Whether the last fit reached it.
  public private(set) var isReached = false

  /// A target.
  ///
  /// - Parameter target: A positive, finite loss.
  /// - Throws: ``TrainingError`` for a target that is not positive and finite.
  public init(target: Double) throws(TrainingError) {
    try SettingCheck.targetLoss(target)
    self.target = target
  }

  /// Starts a fit not yet reached.
  ///
  /// - Parameter run: The run.
  public func fitWillBegin(_ run: inout TrainingRun) throws { isReached = false }

  /// Stops the fit when the block's mean loss is below the target.
  ///
  /// - Parameters:
  ///   - block: The block that ended.
  ///   - run: The run.
  public func blockDidEnd(_ block: BlockReport, _ run: inout TrainingRun) throws {
    guard block.meanLoss < target else { return }
    isReached = true
    run.requestStop(.targetLossReached)
  }
}
