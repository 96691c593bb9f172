/// Writes the run's model file every few epochs, atomically (a reader sees the old file or the new one, never
/// half of one), so a long run can be resumed after a crash.
public final class CheckpointObserver: TrainingObserver {
  /// None: checkpoints are kept at epoch ends.
  public var stepEvents: TrainingStepEvents { [] }

  /// Where the model file goes.
  public let path: String
  /// Epochs between writes.
  public let everyEpochs: Int
  /// Makes the model file from the run (class names, standardisation and settings are the caller's).
  private let makeFile: (TrainingRun) throws -> ModelFile
  /// Files written so far.
  public private(set) var writes = 0

  /// A checkpoint writer.
  ///
  /// - Parameters:
  ///   - path: The model file's path.
  ///   - everyEpochs: Epochs between writes, at least 1.
  ///   - makeFile: Makes the file from the run; ``TrainingRun/modelFile(standardization:classNames:featureNames:seed:)``
  ///     by default.
  /// - Throws: ``TrainingError`` for fewer than one epoch between writes.
  public init(
    path: String, everyEpochs: Int = 1, makeFile: @escaping (TrainingRun) throws -> ModelFile = { $0.modelFile() }
  ) throws(TrainingError) {
    guard everyEpochs >= 1 else { throw TrainingError("checkpoints need at least 1 epoch between writes") }
    self.path = path
    self.everyEpochs = everyEpochs
    self.makeFile = makeFile
  }

  /// Writes the file at every `everyEpochs`-th epoch.
  ///
  /// - Parameters:
  ///   - epoch: The epoch that ended.
  ///   - run: The run.
  /// - Throws: ``ModelFileError/unwritable(path:reason:)`` when the file cannot be written.
  public func epochDidEnd(_ epoch: EpochReport, _ run: inout TrainingRun) throws {
    guard epoch.epoch % everyEpochs == 0 else { return }
    try makeFile(run).write(path: path)
    writes += 1
  }
}
