import NNCore
import NNTraining
import Testing

@testable import nn

/// The history of a run: one entry per epoch (per progress block in runs shorter than two epochs), with the
/// validation numbers of the test part and, when asked for, the training accuracy.
@Suite("training history")
struct TrainingHistoryTests {
  /// Runs a session with `change` applied to the default settings.
  private func summary(_ change: (inout TrainingSettings) -> Void) throws -> TrainingSummary {
    var settings = TrainingSettings()
    change(&settings)
    var session = try TrainingSession(settings: settings, registry: try Plugins.registry())
    return try session.train()
  }

  @Test("one entry per epoch, each with the test part's loss and accuracy; the last is the final test loss")
  func perEpoch() throws {
    let result = try summary {
      $0.length = .epochs(30)
      $0.testFraction = 0.2
    }
    let entries = result.history.entries
    #expect(result.history.unit == .epoch)
    #expect(entries.map(\.position) == Array(1...30))
    #expect(entries.allSatisfy { $0.validationLoss != nil && $0.validationAccuracy != nil })
    #expect(entries.allSatisfy { $0.trainingAccuracy == nil }, "training accuracy only when asked for")
    #expect(entries.last?.validationLoss == result.testLoss)
    #expect(try #require(entries.last?.trainingLoss) < entries[0].trainingLoss, "the batch loss falls")
  }

  @Test("asked for, each epoch has the training accuracy, the last one the final accuracy (8 batches an epoch)")
  func trainingAccuracy() throws {
    let result = try summary {
      $0.length = .epochs(2)
      $0.testFraction = 0.2
      $0.recordsTrainingAccuracy = true
    }
    #expect(result.iterations == 16)
    #expect(result.history.entries.count == 2)
    #expect(result.history.entries.allSatisfy { ($0.trainingAccuracy ?? -1) >= 0 })
    // The final training accuracy, evaluated after the run, is the last entry's.
    #expect(result.history.entries.last?.trainingAccuracy == result.accuracy)
  }

  @Test("a run shorter than two epochs records each progress block, by iteration")
  func perBlock() throws {
    let result = try summary {
      $0.length = .iterations(12)
      $0.logEvery = 4
      $0.testFraction = 0.2
    }
    #expect(result.history.unit == .iteration)
    #expect(result.history.entries.map(\.position) == [4, 8, 12])
    #expect(result.history.entries.allSatisfy { $0.validationLoss != nil })
  }
}
