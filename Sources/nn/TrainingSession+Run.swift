import Foundation
import NNCore
import NNData
import NNLayers
import NNTraining

extension TrainingSession {
  /// Trains as the settings say, reporting progress, and summarises the result.
  ///
  /// At the end of each epoch (each progress block when the run is shorter than two epochs) the history gets the
  /// mean batch loss and, when a test part is held out, the test part's loss and accuracy; with `--patience` the
  /// monitored loss goes to the ``EarlyStopping`` rule, and the best epoch's state is restored at the end of the
  /// run, whether it stopped early or not. Evaluation and printing are left out of the training time.
  ///
  /// - Parameter progress: How progress is shown.
  mutating func run(progress: ProgressPrinter) throws -> TrainingSummary {
    var progress = progress
    var sampler = try makeSampler()
    let firstEpoch = sampler.epoch
    let iterations: Int
    var lastEpoch: Int?
    switch settings.length {
    case .epochs(let count):
      iterations = count * sampler.batchesPerEpoch
      lastEpoch = firstEpoch + count
    case .iterations(let count):
      iterations = count
    }
    let patience = try applicablePatience(iterations: iterations, batchesPerEpoch: sampler.batchesPerEpoch)
    if settings.patience != nil, patience == nil {
      progress.note("--patience from the model file is not applied: this run is shorter than one epoch")
    }
    let blockLength = settings.logEvery ?? (settings.targetLoss == nil ? max(1, iterations / 10) : 1000)
    let unit: TrainingHistory.Unit = iterations >= 2 * sampler.batchesPerEpoch ? .epoch : .iteration
    var state = TrainingLoopState(
      history: TrainingHistory(
        unit: unit,
        expectedCount: min(
          unit == .epoch ? iterations / sampler.batchesPerEpoch + 1 : iterations / blockLength + 1, 1 << 17)),
      stopping: patience.map { EarlyStopping(patience: $0, minimumDelta: settings.minimumDelta) })
    var gradients = settings.reportGradients ? GradientReport(network: trainer.network) : nil
    var reportingTime = Duration.zero
    let showsBar = progress.showsBar
    let clock = ContinuousClock()
    let start = clock.now
    let schedule = settings.schedule
    // Read once: `dataset` is computed, and reading it in the loop copied it (and retained its parts) every step.
    let features = dataset.features
    let targets = dataset.targets
    let random = self.random
    // An entry that evaluates nothing and prints nothing is bookkeeping: no clock readings for it.
    let entriesEvaluate = data.test != nil || settings.recordsTrainingAccuracy
    for iteration in 1...iterations {
      let step = completedIterations
      if let schedule { trainer.learningRate = schedule.rate(step: step, base: settings.learningRate) }
      let batchLoss = try sampler.nextBatch { indices in
        state.samples += indices.count
        return try trainer.step(rows: indices, of: features, targets: targets, random: random)
      }
      guard batchLoss.isFinite else {
        throw CommandFailure(
          "the loss became \(batchLoss) at iteration \(iteration); try a lower --lr (now \(settings.learningRate))",
          status: .dataError)
      }
      gradients?.record(trainer)
      state.completed = iteration
      completedIterations += 1
      batchStream.batches += 1
      state.periodLoss.add(batchLoss)
      state.blockLoss.add(batchLoss)
      let endsBlock = iteration % blockLength == 0 || iteration == iterations
      let endsEpoch = sampler.isEpochEnd
      let endsEntry = state.history.unit == .epoch ? endsEpoch : endsBlock
      let checksPatience = endsEpoch && state.stopping != nil
      let redraws = showsBar && progress.wantsRedraw(at: clock.now)
      guard endsEntry || checksPatience || endsBlock || redraws else { continue }
      let timed = entriesEvaluate || checksPatience || endsBlock || redraws
      let reportStart = timed ? clock.now : start
      var trainingEvaluated = false
      if endsEntry || checksPatience {
        trainingEvaluated = try endPeriod(
          &state, position: state.history.unit == .epoch ? sampler.epoch : iteration, epoch: sampler.epoch,
          recordsEntry: endsEntry, checksPatience: checksPatience)
      }
      if endsBlock {
        let meanLoss = state.blockLoss.take()
        if let target = settings.targetLoss, meanLoss < target { state.targetReached = true }
        if progress.enabled, !trainingEvaluated { state.accuracy = try evaluate(dataset).accuracy }
        progress.reportBlock(state.snapshot(iteration: iteration, of: iterations, epoch: sampler.epoch, loss: meanLoss))
      }
      let isLast = iteration == iterations || state.targetReached || state.stoppedEpoch != nil
      if showsBar, redraws || isLast {
        let now = clock.now
        var snapshot = state.snapshot(
          iteration: iteration, of: iterations, epoch: sampler.epoch, loss: state.recentLoss)
        snapshot.lastEpoch = lastEpoch
        let trainingSeconds = Self.seconds(now - start - reportingTime - (now - reportStart))
        snapshot.samplesPerSecond = trainingSeconds > 0 ? Double(state.samples) / trainingSeconds : 0
        snapshot.secondsLeft = Self.seconds(now - start) / Double(iteration) * Double(iterations - iteration)
        progress.redraw(snapshot, at: now)
      }
      if timed { reportingTime += clock.now - reportStart }
      if isLast { break }
    }
    let seconds = Self.seconds(clock.now - start - reportingTime)
    progress.finish()
    var outcome: EarlyStoppingOutcome?
    if let stopping = state.stopping, let best = state.best, let bestEpoch = stopping.bestEpoch {
      let restores = best.completedIterations != completedIterations
      if restores { restore(best) }
      outcome = EarlyStoppingOutcome(
        monitor: data.test == nil ? .training : .validation, bestEpoch: bestEpoch, bestLoss: best.monitoredLoss,
        stoppedEpoch: state.stoppedEpoch, restored: restores)
    }
    let (loss, accuracy) = try evaluate(dataset)
    let test = try data.test.map(evaluate)
    var summary = TrainingSummary(
      loss: loss, accuracy: accuracy, testLoss: test?.loss, testAccuracy: test?.accuracy, samples: state.samples,
      iterations: state.completed, epochs: sampler.epoch - firstEpoch, seconds: seconds, network: networkDescription,
      data: dataset.name, seed: settings.seed, targetLoss: settings.targetLoss,
      targetReached: settings.targetLoss == nil ? nil : state.targetReached, gradients: gradients)
    summary.earlyStopping = outcome
    summary.history = state.history
    return summary
  }

  /// The end of an epoch or block: evaluates what the history and the stopping rule need, records the entry,
  /// and applies the rule (keeping a checkpoint of an improved epoch).
  ///
  /// - Parameters:
  ///   - state: The loop's state.
  ///   - position: The entry's position (epoch or iteration).
  ///   - epoch: Completed epochs.
  ///   - recordsEntry: Whether a history entry ends here.
  ///   - checksPatience: Whether an epoch ends here and `--patience` is set.
  /// - Returns: Whether the training part was evaluated (so its accuracy is fresh).
  private mutating func endPeriod(
    _ state: inout TrainingLoopState, position: Int, epoch: Int, recordsEntry: Bool, checksPatience: Bool
  ) throws -> Bool {
    if let test = data.test {
      (state.validationLoss, state.validationAccuracy) = try evaluate(test)
    }
    var training: (loss: Double, accuracy: Double)?
    let evaluatesTraining =
      (recordsEntry && settings.recordsTrainingAccuracy) || (checksPatience && data.test == nil)
    if evaluatesTraining {
      training = try evaluate(dataset)
      state.accuracy = training?.accuracy
    }
    if recordsEntry {
      state.history.append(
        TrainingHistory.Entry(
          position: position, trainingLoss: state.periodLoss.take(),
          trainingAccuracy: training.flatMap { $0.accuracy.isNaN ? nil : $0.accuracy },
          validationLoss: state.validationLoss,
          validationAccuracy: state.validationAccuracy.flatMap { $0.isNaN ? nil : $0 }))
    }
    guard checksPatience, var stopping = state.stopping, let monitored = state.validationLoss ?? training?.loss else {
      return evaluatesTraining
    }
    switch stopping.record(monitored, epoch: epoch) {
    case .improved: state.best = checkpoint(epoch: epoch, monitoredLoss: monitored)
    case .waiting: break
    case .stop: state.stoppedEpoch = epoch
    }
    state.stopping = stopping
    return evaluatesTraining
  }

  /// The patience this run applies: `--patience`, refused in a fresh run too short to end an epoch, and left
  /// out (`nil`) in such a resumed run, whose patience may come from the model file.
  ///
  /// - Parameters:
  ///   - iterations: The run's steps.
  ///   - batchesPerEpoch: Steps per epoch.
  func applicablePatience(iterations: Int, batchesPerEpoch: Int) throws -> Int? {
    guard let patience = settings.patience, iterations < batchesPerEpoch else { return settings.patience }
    if isResumed { return nil }
    throw CommandFailure(
      "--patience counts epochs, but the run of \(iterations) iterations is shorter than one epoch "
        + "(\(batchesPerEpoch) iterations of batch \(settings.batchSize) on \(dataset.count) samples); "
        + "train for at least \(batchesPerEpoch) iterations or leave out --patience \(patience)")
  }

  /// A duration in seconds.
  ///
  /// - Parameter duration: The duration.
  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}
