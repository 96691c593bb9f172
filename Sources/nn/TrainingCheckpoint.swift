import NNLayers

/// The state of a run at the end of its best epoch, kept by `--patience` to be restored at the end: the trainer
/// (weights and optimizer state), the step count, the batch stream and the random generator's state, so that a
/// model saved afterwards is the model of that epoch in every stored part.
struct TrainingCheckpoint {
  /// The epoch the state is from.
  let epoch: Int
  /// The monitored loss at the end of that epoch.
  let monitoredLoss: Double
  /// The trainer then: network weights and optimizer state.
  let trainer: Trainer
  /// Steps taken over every run of the model then.
  let completedIterations: Int
  /// The batch stream then.
  let batchStream: StoredSamplerProgress
  /// The random generator's state then.
  let randomState: [UInt8]
}

extension TrainingSession {
  /// The session's state now, as the checkpoint of `epoch`.
  ///
  /// - Parameters:
  ///   - epoch: The epoch that just ended.
  ///   - monitoredLoss: The monitored loss at its end.
  func checkpoint(epoch: Int, monitoredLoss: Double) -> TrainingCheckpoint {
    TrainingCheckpoint(
      epoch: epoch, monitoredLoss: monitoredLoss, trainer: trainer, completedIterations: completedIterations,
      batchStream: batchStream, randomState: random.stateBytes)
  }

  /// Puts the session back to the state of `checkpoint`.
  ///
  /// - Parameter checkpoint: A state of this session.
  mutating func restore(_ checkpoint: TrainingCheckpoint) {
    trainer = checkpoint.trainer
    completedIterations = checkpoint.completedIterations
    batchStream = checkpoint.batchStream
    random.restoreState(checkpoint.randomState)
  }
}
