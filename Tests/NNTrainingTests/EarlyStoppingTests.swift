import Testing

@testable import NNTraining

/// The `--patience` rule on hand-written loss sequences.
@Suite("early stopping rule")
struct EarlyStoppingTests {
  /// Feeds `losses` (epochs 1, 2, …) to `rule` until it says stop; returns the stopping epoch, if any.
  private func run(_ rule: inout EarlyStopping, _ losses: [Double]) -> Int? {
    for (index, loss) in losses.enumerated() where rule.record(loss, epoch: index + 1) == .stop {
      return index + 1
    }
    return nil
  }

  @Test("stops after `patience` epochs without a new best and remembers the best epoch")
  func stopsAfterPatience() {
    var rule = EarlyStopping(patience: 3, minimumDelta: 0)
    // Best 0.5 at epoch 4; epochs 5, 6, 7 are worse (0.55 ≥ 0.5), so the rule stops at epoch 7.
    let stopped = run(&rule, [1.0, 0.8, 0.9, 0.5, 0.6, 0.55, 0.5, 0.1])
    #expect(stopped == 7)
    #expect(rule.bestEpoch == 4)
    #expect(rule.bestValue == 0.5)
  }

  @Test("a new best resets the count")
  func improvementResets() {
    var rule = EarlyStopping(patience: 2, minimumDelta: 0)
    #expect(run(&rule, [1.0, 1.1, 0.9, 1.0, 0.8, 0.85]) == nil)
    #expect(rule.bestEpoch == 5)
    #expect(rule.epochsWithoutImprovement == 1)
  }

  @Test("with min-delta a decrease must exceed it to count")
  func minimumDelta() {
    var rule = EarlyStopping(patience: 2, minimumDelta: 0.1)
    // 0.95 and 0.91 are less than 0.1 below 1.0: two epochs without improvement.
    #expect(run(&rule, [1.0, 0.95, 0.91, 0.5]) == 3)
    #expect(rule.bestEpoch == 1)
    var plain = EarlyStopping(patience: 2, minimumDelta: 0)
    #expect(run(&plain, [1.0, 0.95, 0.91, 0.5]) == nil)
    #expect(plain.bestEpoch == 4)
  }

  @Test("patience 1 stops at the first epoch that is not better; NaN is never better")
  func patienceOneAndNaN() {
    var rule = EarlyStopping(patience: 1, minimumDelta: 0)
    #expect(rule.record(2, epoch: 1) == .improved)
    #expect(rule.record(.nan, epoch: 2) == .stop)
    #expect(rule.bestEpoch == 1)
  }
}
