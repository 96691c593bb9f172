import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// The README's training-workflow tutorial: the tool's default run with a held-out part, early stopping,
/// progress and a chart, written in Swift with the library's pieces. It must give the numbers `nn train` gives
/// with the same flags, to the last digit.
@Suite("README workflow tutorial")
struct WorkflowTutorialTests {
  @Test("the Swift tutorial gives exactly what nn train --test-fraction 0.2 --patience 20 gives")
  func sameAsTheTool() throws {
    // tutorial: workflow
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let (random, iris) = (RandomSource(seed: 1), try IrisLoader.bundled())
    let (train, test) = try iris.split(testFraction: 0.2, stratified: true, random: random)
    let network = try Sequential(
      inputWidth: 4,
      layers: try NetworkSpecification.layers(
        from: "dense(12),sigmoid,dense(6),sigmoid,dense(3),softmax", registry: registry),
      initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.02))
    var run = try TrainingRun(trainer: trainer, random: random, batchSize: 16)
    let stopping = try EarlyStoppingObserver(patience: 20)
    let fit = try run.fit(
      train, validation: test, length: .epochs(1000), options: FitOptions(recordsTrainingAccuracy: true),
      observers: [ProgressObserver(style: .lines), stopping])
    let (trainPart, testPart) = try (
      TrainingRun.evaluate(run.trainer, on: train), TrainingRun.evaluate(run.trainer, on: test)
    )
    print(stopping.outcome!.text, trainPart, testPart)
    // end
    let svg = fit.history.chart(title: "4-12-6-3 on iris").svg()
    // Numbers are read from the JSON text with Swift's exact parser (Foundation's JSON reader may round the last bit).
    let line = try CommandRunner.run(["train", "--test-fraction", "0.2", "--patience", "20", "--json"]).lastLine
    func tool(_ key: String) -> Double? {
      guard let range = line.range(of: "\"\(key)\":") else { return nil }
      return Double(line[range.upperBound...].prefix { !",}".contains($0) })
    }
    #expect(tool("loss") == trainPart.loss)
    #expect(tool("accuracy") == trainPart.accuracy)
    #expect(tool("test_loss") == testPart.loss)
    #expect(tool("test_accuracy") == testPart.accuracy)
    #expect(tool("best_epoch") == Double(stopping.outcome!.bestEpoch))
    #expect(tool("best_loss") == stopping.outcome!.bestLoss)
    #expect(tool("iterations") == Double(fit.iterations))
    #expect(tool("epochs") == Double(fit.epochs))
    #expect(svg.contains("4-12-6-3 on iris"))
  }

  @Test("the README shows the tutorial as run here, in at most 25 lines")
  func readmeShowsIt() throws {
    let here = URL(fileURLWithPath: #filePath)
    let readme = try String(
      contentsOf: here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md"), encoding: .utf8)
    let block = try #require(TutorialTests.block(named: "workflow", in: try String(contentsOf: here, encoding: .utf8)))
    #expect(TutorialTests.dedented(readme).contains(block), "README.md lacks the workflow tutorial as run here")
    // With the five imports, a blank line and the line that writes the chart.
    #expect(block.components(separatedBy: "\n").count + 7 <= 25)
  }
}
