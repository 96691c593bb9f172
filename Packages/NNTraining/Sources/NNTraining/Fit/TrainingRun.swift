import NNCore
import NNData
import NNLayers

/// A training run: a trainer, its random source and its stream of batches, and how far it has gone. Each call of
/// ``fit(_:validation:length:options:observers:)`` continues the same run, so ten fits of 100 epochs train exactly
/// as one of 1,000: the same batches, the same step count, the same learning-rate schedule position.
///
/// ```swift
/// var run = try TrainingRun(trainer: trainer, random: random, batchSize: 16)
/// let summary = try run.fit(train, validation: test, length: .epochs(1000),
///                           observers: [ProgressObserver(style: .lines), EarlyStoppingObserver(patience: 20)])
/// try run.modelFile(classNames: iris.classNames).write(path: "iris.json")
/// ```
///
/// During a fit, observers receive the run `inout`: it carries the fit's history, the latest evaluations and the
/// position, and lets them evaluate, keep and restore checkpoints, and ask to stop.
public struct TrainingRun {
  /// The network, loss, optimizer and its state; a schedule changes its ``/NNLayers/Trainer/learningRate``.
  public var trainer: Trainer
  /// The source of the batches and of random layers (dropout); the run owns its position.
  public let random: RandomSource
  /// Samples per step.
  public let batchSize: Int
  /// How batches are drawn.
  public let sampling: SamplingMode
  /// Steps taken over every fit of this model, a resumed model's earlier steps included.
  public internal(set) var completedSteps: Int
  /// The batch stream: the generator's state when it began and the batches drawn since, as a model file keeps it.
  public internal(set) var batchStream = StoredSamplerProgress.notStarted
  /// A resumed model's stream, replayed by the first fit on data of the same size.
  var resumedStream: StoredSamplerProgress?
  /// The sampler of the current stream.
  var sampler: BatchSampler?

  /// The current (or last) fit's history.
  public internal(set) var history = TrainingHistory(unit: .epoch)
  /// Whether the end of every epoch is evaluated even where the history records blocks: the validation part, or
  /// the training part when there is none (whose accuracy the history then records). Early stopping sets it.
  public var evaluatesEachEpoch = false
  /// The validation part's loss and accuracy at its latest evaluation in this fit.
  public internal(set) var latestValidation: Evaluation?
  /// The training part's accuracy at its latest evaluation in this fit.
  public internal(set) var latestTrainingAccuracy: Double?
  /// Where the current fit is.
  public internal(set) var position = FitPosition()
  /// Why the current fit is stopping, once an observer asked.
  public internal(set) var stopReason: StopReason?
  /// A request to stop that another thread can make while a fit runs, read after every step (one atomic load);
  /// `nil` by default. Set it before a fit or in ``TrainingObserver/fitWillBegin(_:)`` (as ``InterruptObserver``
  /// does).
  public var stopRequest: StopRequest?
  /// The fit's data and the evaluation of the training part made at the current step, if any.
  var fitData: FitData?
  /// The processes of a fit across processes (``fit(_:validation:length:options:observers:across:)``).
  var distribution: FitDistribution?

  /// A run of a trainer.
  ///
  /// - Parameters:
  ///   - trainer: The trainer to train.
  ///   - random: The source of batches and of random layers.
  ///   - batchSize: Samples per step, at least 1 (16 by default).
  ///   - sampling: How batches are drawn (shuffled epochs by default).
  ///   - completedSteps: Steps the model had taken before (0 for a new one).
  /// - Throws: ``TrainingError`` for a batch size below 1.
  public init(
    trainer: Trainer, random: RandomSource, batchSize: Int = 16, sampling: SamplingMode = .shuffle,
    completedSteps: Int = 0
  ) throws(TrainingError) {
    try SettingCheck.batchSize(batchSize)
    self.trainer = trainer
    self.random = random
    self.batchSize = batchSize
    self.sampling = sampling
    self.completedSteps = completedSteps
  }

  /// Forgets the batch stream: the next fit starts a new one from the generator's current state (a new
  /// permutation), as a fresh run would, keeping the weights, optimizer state and step count.
  public mutating func startNewBatchStream() {
    sampler = nil
    resumedStream = nil
  }

  /// Whether the current fit has a validation part.
  public var hasValidationPart: Bool { fitData?.validation != nil }

  /// Asks the fit to stop after the current step (its block and epoch ends are still reported).
  ///
  /// - Parameter reason: Why.
  public mutating func requestStop(_ reason: StopReason) {
    if stopReason == nil { stopReason = reason }
  }

  /// The training part's loss and accuracy now, evaluated once per step however many observers ask.
  ///
  /// - Throws: ``/NNLayers/NetworkError`` when the data does not fit the network.
  public mutating func trainingEvaluation() throws -> Evaluation {
    guard var data = fitData else { throw TrainingError("no fit is running: there is no training part") }
    if let cached = data.trainingEvaluation, cached.step == completedSteps { return cached.evaluation }
    let evaluation = try Self.evaluate(trainer, on: data.training)
    data.trainingEvaluation = (completedSteps, evaluation)
    fitData = data
    latestTrainingAccuracy = evaluation.accuracy
    return evaluation
  }

  /// The seconds spent training so far in this fit, evaluations and reporting left out.
  ///
  /// - Parameter now: The current time.
  public func trainingSeconds(at now: ContinuousClock.Instant) -> Double {
    guard let start = fitData?.start else { return 0 }
    return Self.seconds(now - start - (fitData?.reportingTime ?? .zero))
  }

  /// The seconds since the current fit began, everything included.
  ///
  /// - Parameter now: The current time.
  public func elapsedSeconds(at now: ContinuousClock.Instant) -> Double {
    guard let start = fitData?.start else { return 0 }
    return Self.seconds(now - start)
  }

  /// The loss and accuracy of a trainer's network over a data set.
  ///
  /// - Parameters:
  ///   - trainer: The trainer.
  ///   - dataset: The samples; its targets must have ``/NNLayers/Trainer/lossWidth`` columns.
  /// - Throws: ``/NNLayers/NetworkError`` when the widths do not match.
  public static func evaluate(_ trainer: Trainer, on dataset: Dataset) throws -> Evaluation {
    let (loss, accuracy) = try trainer.evaluate(dataset)
    return Evaluation(loss: loss, accuracy: accuracy)
  }

  /// A duration in seconds.
  ///
  /// - Parameter duration: The duration.
  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}

/// Where a fit is: its steps, epochs and samples so far.
public struct FitPosition: Sendable, Equatable {
  /// Steps done in this fit.
  public internal(set) var iteration = 0
  /// Steps in this fit.
  public internal(set) var iterations = 0
  /// Completed epochs of the batch stream.
  public internal(set) var epoch = 0
  /// The epoch the fit ends at, when its length is given in epochs.
  public internal(set) var lastEpoch: Int?
  /// Samples processed in this fit.
  public internal(set) var samples = 0
  /// The batch losses since the last history entry, as seen by ``TrainingObserver/stepDidEnd(_:_:)``.
  var period = RunningMean()
  /// The last history entry's mean batch loss.
  var lastEntryLoss = Double.nan

  /// The mean batch loss of the current epoch (block, in a fit shorter than two epochs) so far, or of the last
  /// history entry when one has just been recorded; up to date in ``TrainingObserver/stepDidEnd(_:_:)``.
  public var recentLoss: Double { period.count > 0 ? period.mean : lastEntryLoss }
}

/// A fit's data and bookkeeping that observers do not see.
struct FitData {
  /// The training part.
  var training: Dataset
  /// The validation part, if any.
  var validation: Dataset?
  /// The evaluation of the training part at a step.
  var trainingEvaluation: (step: Int, evaluation: Evaluation)?
  /// When the fit began.
  var start: ContinuousClock.Instant
  /// Time spent in evaluations and reporting at block and epoch ends.
  var reportingTime = Duration.zero
}
