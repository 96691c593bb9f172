import Foundation
import NNCore
import NNLayers
import NNTraining
import Testing

@testable import nn

/// `--patience` end to end: the run stops, reports its best epoch, and the model it keeps (and saves) is the
/// best epoch's, checked by evaluating the saved file on the same test part.
@Suite("nn train --patience")
struct TrainEarlyStoppingTests {
  /// A run that overshoots with a large learning rate, so the validation loss stops improving early.
  static let arguments = ["--epochs", "300", "--test-fraction", "0.2", "--lr", "0.5", "--patience", "5"]

  @Test("a run that stops early says so and reports its best epoch in the JSON")
  func reportsStop() throws {
    let text = try CommandRunner.run(["train"] + Self.arguments)
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("stopped early at epoch"), "\(text.output)")
    #expect(text.output.contains("restored epoch"))
    let json = try CommandRunner.run(["train", "--json"] + Self.arguments).json()
    #expect(json["stopped_early"] as? Bool == true)
    #expect(json["monitor"] as? String == "validation")
    let bestEpoch = try #require(json["best_epoch"] as? Int)
    let epochs = try #require(json["epochs"] as? Int)
    #expect(bestEpoch >= 1 && bestEpoch <= epochs - 5, "best \(bestEpoch), ran \(epochs)")
    // The model kept is the best epoch's: its test loss is the best monitored loss.
    #expect(json["test_loss"] as? Double == json["best_loss"] as? Double)
    let plain = try CommandRunner.run(["train", "--json", "--epochs", "300", "--test-fraction", "0.2"]).json()
    #expect(plain["best_epoch"] == nil && plain["stopped_early"] == nil)
  }

  @Test("the saved model gives exactly the best epoch's validation loss on the same test part, not the last one")
  func savedModelIsTheBest() throws {
    var settings = TrainingSettings()
    settings.length = .epochs(300)
    settings.testFraction = 0.2
    settings.learningRate = 0.5
    settings.patience = 5
    var session = try TrainingSession(settings: settings, registry: try Plugins.registry())
    let summary = try session.train()
    let outcome = try #require(summary.earlyStopping)
    let stoppedEpoch = try #require(outcome.stoppedEpoch)
    #expect(stoppedEpoch == outcome.bestEpoch + 5)
    #expect(outcome.restored)
    let entries = summary.history.entries
    #expect(summary.history.unit == .epoch)
    #expect(entries.map(\.position) == Array(1...stoppedEpoch))
    let best = try #require(summary.history.entry(at: outcome.bestEpoch)?.validationLoss)
    let last = try #require(entries.last?.validationLoss)
    #expect(best < last)
    #expect(entries.compactMap(\.validationLoss).min() == best)

    let directory = try CommandRunner.temporaryDirectory()
    let path = directory.appendingPathComponent("best.json").path
    try session.modelFile().write(path: path)
    let model = try LoadedModel(path: path, registry: try Plugins.registry())
    let stored = try TrainingSettings(storedIn: model)
    #expect(stored.patience == 5)
    let data = try TrainingData.prepare(
      settings: stored, standardization: model.file.standardization, random: RandomSource(seed: stored.seed))
    let test = try #require(data.test)
    // Evaluated as the run evaluated its epochs (the fused kernel's forward passes), so the losses match exactly.
    let (loss, _) = try model.trainer(allowsFusedKernel: true).evaluate(inputs: test.features, targets: test.targets)
    #expect(loss == best, "saved model: \(loss), best epoch: \(best), last epoch: \(last)")
    #expect(loss != last)
  }

  @Test("without a test part the training loss over the whole training part is monitored")
  func trainingLossMonitor() throws {
    let json = try CommandRunner.run(["train", "--json", "--epochs", "300", "--lr", "0.5", "--patience", "3"]).json()
    #expect(json["monitor"] as? String == "training")
    #expect(json["stopped_early"] as? Bool == true)
    #expect(json["loss"] as? Double == json["best_loss"] as? Double)
  }
}
