/// Something that watches a ``TrainingRun/fit(_:validation:length:options:observers:)`` and may steer it: print
/// progress, stop early, change the learning rate, keep checkpoints, collect statistics.
///
/// Every method has an empty default, so an observer implements only what it needs. Each receives the run
/// itself, `inout`: it reads the trainer, the history and the latest evaluations, and may change the learning
/// rate, ask for an evaluation (``TrainingRun/trainingEvaluation()``), keep a checkpoint, or ask to stop
/// (``TrainingRun/requestStop(_:)``). Observers are called in the order given, after the run's own bookkeeping.
///
/// ```swift
/// final class EpochPrinter: TrainingObserver {
///   func epochDidEnd(_ epoch: EpochReport, _ run: inout TrainingRun) throws {
///     if epoch.epoch % 100 == 0 { print("epoch \(epoch.epoch): loss \(epoch.trainingLoss)") }
///   }
/// }
/// try run.fit(iris, epochs: 1000, observers: [EpochPrinter()])
/// ```
///
/// ``stepWillBegin(_:)`` and ``stepDidEnd(_:_:)`` run at every step: keep them cheap and free of allocation, and
/// say which of them an observer needs in ``stepEvents`` (both, unless it says otherwise): at batch size 1 a
/// step is short enough for an empty call to show.
public protocol TrainingObserver: AnyObject {
  /// The per-step calls this observer needs; a fit skips the others. Read once, when a fit begins.
  var stepEvents: TrainingStepEvents { get }

  /// Called once before the first step of a fit; may set ``TrainingRun/evaluatesEachEpoch``.
  ///
  /// - Parameter run: The run about to train.
  func fitWillBegin(_ run: inout TrainingRun) throws

  /// Called before every step; a learning-rate schedule sets the step's rate here.
  ///
  /// - Parameter run: The run; ``TrainingRun/completedSteps`` is the index of the step about to be taken.
  func stepWillBegin(_ run: inout TrainingRun) throws

  /// Called after every step, after the block and epoch it ends (if any) have been reported.
  ///
  /// - Parameters:
  ///   - step: The step's batch loss and position.
  ///   - run: The run after the step's update; ``TrainingRun/requestStop(_:)`` has been called if the fit ends
  ///     here early.
  func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws

  /// Called at the end of every block of ``FitOptions/blockLength`` steps (and after the last step).
  ///
  /// - Parameters:
  ///   - block: The block's mean batch loss and position.
  ///   - run: The run.
  func blockDidEnd(_ block: BlockReport, _ run: inout TrainingRun) throws

  /// Called at the end of every epoch, after the history has recorded it.
  ///
  /// - Parameters:
  ///   - epoch: The epoch that ended and its losses.
  ///   - run: The run.
  func epochDidEnd(_ epoch: EpochReport, _ run: inout TrainingRun) throws

  /// Called once after the last step of a fit (also after a stop); early stopping restores its best state here.
  ///
  /// - Parameter run: The run after training.
  func fitDidEnd(_ run: inout TrainingRun) throws
}

extension TrainingObserver {
  /// Both per-step calls (``TrainingStepEvents/all``).
  public var stepEvents: TrainingStepEvents { .all }
  /// Does nothing.
  ///
  /// - Parameter run: The run.
  public func fitWillBegin(_ run: inout TrainingRun) throws {}
  /// Does nothing.
  ///
  /// - Parameter run: The run.
  public func stepWillBegin(_ run: inout TrainingRun) throws {}
  /// Does nothing.
  ///
  /// - Parameters:
  ///   - step: The step.
  ///   - run: The run.
  public func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws {}
  /// Does nothing.
  ///
  /// - Parameters:
  ///   - block: The block.
  ///   - run: The run.
  public func blockDidEnd(_ block: BlockReport, _ run: inout TrainingRun) throws {}
  /// Does nothing.
  ///
  /// - Parameters:
  ///   - epoch: The epoch.
  ///   - run: The run.
  public func epochDidEnd(_ epoch: EpochReport, _ run: inout TrainingRun) throws {}
  /// Does nothing.
  ///
  /// - Parameter run: The run.
  public func fitDidEnd(_ run: inout TrainingRun) throws {}
}
