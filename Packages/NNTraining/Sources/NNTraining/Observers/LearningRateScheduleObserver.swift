import NNOptim

/// Sets the learning rate of every step from a schedule: `η_t = schedule(t, η₀)`, with `t` the run's step
/// count over every fit (so a resumed or continued run goes on along the schedule).
public final class LearningRateScheduleObserver: TrainingObserver {
  /// Before every step, to set its learning rate.
  public var stepEvents: TrainingStepEvents { .willBegin }

  /// The schedule.
  public let schedule: LearningRateSchedule
  /// The base rate `η₀`.
  public let baseRate: Double

  /// A schedule applied to a base rate.
  ///
  /// - Parameters:
  ///   - schedule: The schedule (warm-up included).
  ///   - baseRate: The base learning rate.
  public init(schedule: LearningRateSchedule, baseRate: Double) {
    self.schedule = schedule
    self.baseRate = baseRate
  }

  /// Sets the step's rate.
  ///
  /// - Parameter run: The run.
  public func stepWillBegin(_ run: inout TrainingRun) throws {
    run.trainer.learningRate = schedule.rate(step: run.completedSteps, base: baseRate)
  }
}
