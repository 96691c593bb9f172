/// How long a fit trains.
public enum TrainingLength: Sendable, Equatable, Codable {
  /// Passes over the data: `n · ⌈samples / batchSize⌉` steps (for `replacement` and `subset` sampling too).
  case epochs(Int)
  /// Mini-batch steps.
  case iterations(Int)

  /// The steps this length takes.
  ///
  /// - Parameter batchesPerEpoch: Steps per epoch.
  func iterations(batchesPerEpoch: Int) -> Int {
    switch self {
    case .epochs(let count): count * batchesPerEpoch
    case .iterations(let count): count
    }
  }
}

/// How a fit records and reports, beside its length.
public struct FitOptions: Sendable, Equatable {
  /// Steps per block: the unit of progress lines, of the target-loss check and, in a run shorter than two
  /// epochs, of the history; `nil` chooses a tenth of the fit.
  public var blockLength: Int?
  /// Whether every history entry gets the accuracy over the whole training part (costs an evaluation per
  /// entry; a chart of the accuracy needs it).
  public var recordsTrainingAccuracy: Bool

  /// Options.
  ///
  /// - Parameters:
  ///   - blockLength: Steps per block; `nil` for a tenth of the fit.
  ///   - recordsTrainingAccuracy: Whether history entries get the training accuracy.
  public init(blockLength: Int? = nil, recordsTrainingAccuracy: Bool = false) {
    self.blockLength = blockLength
    self.recordsTrainingAccuracy = recordsTrainingAccuracy
  }
}

/// What a fit did: its history and counts.
public struct FitSummary: Sendable {
  /// One entry per epoch (per block in a fit shorter than two epochs).
  public var history: TrainingHistory
  /// Steps taken in this fit.
  public var iterations: Int
  /// Epochs completed in this fit.
  public var epochs: Int
  /// Samples processed in this fit (the sum of the batch sizes).
  public var samples: Int
  /// Seconds spent training, evaluations and observers' work at block and epoch ends left out.
  public var seconds: Double
  /// Why the fit ended early, if it did.
  public var stopReason: StopReason?

  /// Samples per second of training.
  public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }
}
