import NNCore
import NNData
import NNLayers

extension TrainingRun {
  /// Trains on `training` for `length`, one optimizer step per batch, telling `observers` at every step, block and
  /// epoch, and returns the fit's history. A later call continues the same batch stream and step count.
  ///
  /// At the end of each epoch (of each block of ``FitOptions/blockLength`` steps in a fit shorter than two
  /// epochs) the history records the mean batch loss, `(1/B) Σ_b L_b` with each batch loss measured before its
  /// update, and, with `validation`, that part's loss and accuracy. Evaluations and the observers' work at block
  /// and epoch ends are left out of the training time.
  ///
  /// - Parameters:
  ///   - training: The samples to train on; their targets must have ``/NNLayers/Trainer/lossWidth`` columns.
  ///   - validation: Held-out samples evaluated at the end of every epoch, if any.
  ///   - length: How long to train.
  ///   - options: Block length and what the history records.
  ///   - observers: Called in order at every step, block and epoch (see ``TrainingObserver``).
  /// - Returns: The fit's history, counts and time, and why it stopped early if it did.
  /// - Throws: ``TrainingError`` for a length below 1, data whose widths do not fit the network, or a combination
  ///   of loss, output and data that cannot learn (``CombinationCheck``); ``/NNLayers/NetworkError`` when a batch
  ///   does not fit the network, or ``/NNLayers/NetworkError/nonFiniteLoss(step:value:)`` naming the step
  ///   (within this fit) where the loss stopped being finite; whatever an observer throws.
  @discardableResult
  public mutating func fit(
    _ training: Dataset, validation: Dataset? = nil, length: TrainingLength, options: FitOptions = FitOptions(),
    observers: [any TrainingObserver] = []
  ) throws -> FitSummary {
    try checkData(training, validation: validation)
    try prepareSampler(for: training)
    guard var sampler = self.sampler else { throw TrainingError("no batch sampler") }
    self.sampler = nil
    defer { self.sampler = sampler }
    let firstEpoch = sampler.epoch
    try SettingCheck.length(length)
    if let blockLength = options.blockLength { try SettingCheck.blockLength(blockLength) }
    let iterations = length.iterations(batchesPerEpoch: sampler.batchesPerEpoch)
    position = FitPosition()
    if case .epochs(let count) = length { position.lastEpoch = firstEpoch + count }
    position.iterations = iterations
    position.epoch = firstEpoch
    let blockLength = options.blockLength ?? max(1, iterations / 10)
    let unit: TrainingHistory.Unit = iterations >= 2 * sampler.batchesPerEpoch ? .epoch : .iteration
    history = TrainingHistory(
      unit: unit,
      expectedCount: min(
        unit == .epoch ? iterations / sampler.batchesPerEpoch + 1 : iterations / blockLength + 1, 1 << 17))
    latestValidation = nil
    latestTrainingAccuracy = nil
    stopReason = nil
    evaluatesEachEpoch = false
    let clock = ContinuousClock()
    fitData = FitData(training: training, validation: validation, start: clock.now)
    defer { fitData = nil }
    for observer in observers { try observer.fitWillBegin(&self) }
    fitData?.start = clock.now
    // Read once: reading a data set's parts in the loop retains them every step.
    let features = training.features
    let targets = training.targets
    let random = self.random
    // Across processes, process 0 alone evaluates, records and stops; the others follow its decisions.
    let distribution = self.distribution
    let leads = distribution.map { $0.group.rank == 0 } ?? true
    // Only the observers that ask for a per-step call get it (``TrainingObserver/stepEvents``).
    let stepBeginObservers = observers.filter { $0.stepEvents.contains(.willBegin) }
    let stepEndObservers = observers.filter { $0.stepEvents.contains(.didEnd) }
    let observesStepEnds = !stepEndObservers.isEmpty
    // Read unretained at each step (kept alive by `stopRequestOwner`): retained and released at each step, it
    // cost 3% of an online iris step.
    let stopRequestOwner = self.stopRequest
    let stopRequest = stopRequestOwner.map { Unmanaged.passUnretained($0) }
    defer { withExtendedLifetime(stopRequestOwner) {} }
    var periodLoss = RunningMean()
    var blockLoss = RunningMean()
    var epochLoss = RunningMean()
    for iteration in 1...iterations {
      for observer in stepBeginObservers { try observer.stepWillBegin(&self) }
      if let distribution { try shareLearningRate(in: distribution.group) }
      var rowCount = 0
      let batchLoss = try sampler.nextBatch { rows in
        rowCount = rows.count
        if let distribution {
          return try distributedStep(rows: rows, features: features, targets: targets, distribution: distribution)
        }
        return try trainer.step(rows: rows, of: features, targets: targets, random: random)
      }
      guard batchLoss.isFinite else { throw NetworkError.nonFiniteLoss(step: iteration, value: batchLoss) }
      if leads, let stopRequest, stopRequest._withUnsafeGuaranteedRef({ $0.isRequested }) {
        requestStop(stopRequest._withUnsafeGuaranteedRef { $0.reason })
      }
      completedSteps += 1
      batchStream.batches += 1
      position.iteration = iteration
      position.epoch = sampler.epoch
      position.samples += rowCount
      periodLoss.add(batchLoss)
      blockLoss.add(batchLoss)
      epochLoss.add(batchLoss)
      let endsBlock = iteration % blockLength == 0 || iteration == iterations
      let endsEpoch = sampler.isEpochEnd
      let endsEntry = unit == .epoch ? endsEpoch : endsBlock
      if leads && (endsEntry || endsEpoch || endsBlock) {
        let reportStart = clock.now
        let evaluatesEpoch = endsEpoch && evaluatesEachEpoch
        if endsEntry || evaluatesEpoch {
          try endPeriod(
            position: unit == .epoch ? sampler.epoch : iteration, recordsEntry: endsEntry,
            evaluatesTraining: (endsEntry && options.recordsTrainingAccuracy)
              || (evaluatesEpoch && fitData?.validation == nil),
            periodLoss: &periodLoss)
        }
        if endsEpoch, !observers.isEmpty {
          let report = EpochReport(epoch: sampler.epoch, trainingLoss: epochLoss.take(), validation: latestValidation)
          for observer in observers { try observer.epochDidEnd(report, &self) }
        } else if endsEpoch {
          epochLoss = RunningMean()
        }
        if endsBlock {
          let report = BlockReport(
            iteration: iteration, iterations: iterations, epoch: sampler.epoch, meanLoss: blockLoss.take())
          for observer in observers { try observer.blockDidEnd(report, &self) }
        }
        fitData?.reportingTime += clock.now - reportStart
      }
      if observesStepEnds {
        position.period = periodLoss
        let report = StepReport(
          iteration: iteration, iterations: iterations, epoch: sampler.epoch, loss: batchLoss, batchSize: rowCount)
        for observer in stepEndObservers { try observer.stepDidEnd(report, &self) }
      }
      if let distribution { try shareStopDecision(in: distribution.group) }
      if stopReason != nil { break }
    }
    let seconds = trainingSeconds(at: clock.now)
    for observer in observers { try observer.fitDidEnd(&self) }
    return FitSummary(
      history: history, iterations: position.iteration, epochs: sampler.epoch - firstEpoch,
      samples: position.samples, seconds: seconds, stopReason: stopReason)
  }

  /// Trains for a number of epochs: ``fit(_:validation:length:options:observers:)`` with `.epochs(epochs)`.
  ///
  /// - Parameters:
  ///   - training: The samples to train on.
  ///   - validation: Held-out samples evaluated at the end of every epoch, if any.
  ///   - epochs: Passes over the data, at least 1.
  ///   - observers: Called at every step, block and epoch.
  /// - Returns: The fit's history, counts and time.
  /// - Throws: As ``fit(_:validation:length:options:observers:)`` does.
  @discardableResult
  public mutating func fit(
    _ training: Dataset, validation: Dataset? = nil, epochs: Int, observers: [any TrainingObserver] = []
  ) throws -> FitSummary {
    try fit(training, validation: validation, length: .epochs(epochs), observers: observers)
  }

  /// Refuses data the network cannot train on, and combinations of loss, output and data that cannot learn
  /// (``CombinationCheck``), before the first step.
  private func checkData(_ training: Dataset, validation: Dataset?) throws {
    for part in [training] + (validation.map { [$0] } ?? []) {
      guard part.featureCount == trainer.network.inputWidth else {
        throw TrainingError(
          "the network takes \(TrainingSession.features(trainer.network.inputWidth)), \(part.name) has "
            + "\(part.featureCount)", kind: .data)
      }
      try Self.checkTargets(of: part, for: trainer)
    }
    var described = TrainingSettings()
    described.network = ""
    try CombinationCheck.check(trainer: trainer, dataset: training, settings: described)
  }

  /// Refuses a data set whose targets are not as wide as what the trainer's network gives its loss.
  ///
  /// - Parameters:
  ///   - dataset: The data set.
  ///   - trainer: The trainer.
  static func checkTargets(of dataset: Dataset, for trainer: Trainer) throws(TrainingError) {
    guard dataset.targetCount == trainer.lossWidth else {
      throw TrainingError(
        "the network gives \(trainer.lossWidth) outputs to the loss, but \(dataset.name) has "
          + "\(dataset.targetCount) target columns; end the network in \(dataset.targetCount) units")
    }
  }

  /// The end of an epoch or block: evaluates the validation part and, when asked, the training part, and
  /// records the history entry.
  private mutating func endPeriod(
    position entryPosition: Int, recordsEntry: Bool, evaluatesTraining: Bool, periodLoss: inout RunningMean
  ) throws {
    if let validation = fitData?.validation {
      latestValidation = try Self.evaluate(trainer, on: validation)
    }
    let training = evaluatesTraining ? try trainingEvaluation() : nil
    guard recordsEntry else { return }
    history.append(
      TrainingHistory.Entry(
        position: entryPosition, trainingLoss: periodLoss.take(),
        trainingAccuracy: training?.accuracy.flatMap { $0.isNaN ? nil : $0 },
        validationLoss: latestValidation?.loss,
        validationAccuracy: latestValidation?.accuracy.flatMap { $0.isNaN ? nil : $0 }))
    position.lastEntryLoss = history.entries.last?.trainingLoss ?? .nan
  }
}
