/// One step of a fit, as observers see it.
public struct StepReport: Sendable, Equatable {
  /// The step's index within this fit, from 1.
  public var iteration: Int
  /// Steps in this fit.
  public var iterations: Int
  /// Completed epochs of the batch stream.
  public var epoch: Int
  /// The batch loss, measured before the step's update.
  public var loss: Double
  /// Samples in the batch.
  public var batchSize: Int
}

/// A block of steps (``FitOptions/blockLength`` of them, or fewer at the end): the unit of progress lines and
/// of the target-loss check.
public struct BlockReport: Sendable, Equatable {
  /// The index of the block's last step within this fit, from 1.
  public var iteration: Int
  /// Steps in this fit.
  public var iterations: Int
  /// Completed epochs of the batch stream.
  public var epoch: Int
  /// The mean of the block's batch losses, `(1/B) Σ_b L_b`.
  public var meanLoss: Double
}

/// The end of an epoch: its mean batch loss and the evaluations made at its end.
public struct EpochReport: Sendable, Equatable {
  /// The epoch that ended (completed epochs of the batch stream).
  public var epoch: Int
  /// The mean of the epoch's batch losses, each measured before its update.
  public var trainingLoss: Double
  /// The validation part's loss and accuracy at the epoch's end, when a validation part is given.
  public var validation: Evaluation?
}

/// The loss of a network over a whole data set in inference mode, and for classification its accuracy.
public struct Evaluation: Sendable, Equatable {
  /// The loss, `L(f(X), Y)` with the trainer's loss and reduction.
  public var loss: Double
  /// The share of samples whose predicted class is their label; `nil` for regression.
  public var accuracy: Double?

  /// An evaluation.
  ///
  /// - Parameters:
  ///   - loss: The loss.
  ///   - accuracy: The accuracy, or `nil` for regression.
  public init(loss: Double, accuracy: Double?) {
    self.loss = loss
    self.accuracy = accuracy
  }
}

/// Why a fit ended before its length.
public enum StopReason: Sendable, Equatable {
  /// A block's mean batch loss fell below the target.
  case targetLossReached
  /// The monitored loss stopped improving (early stopping).
  case noImprovement
  /// An interrupt (Ctrl-C, `SIGINT`) arrived: the fit stopped at the end of the step it was taking.
  case interrupted
  /// An observer of the user's asked to stop, for the reason given.
  case requested(String)
}
