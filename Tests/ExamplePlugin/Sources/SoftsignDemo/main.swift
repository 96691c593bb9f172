import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Softsign

// Trains the 4-12-6-3 iris network with this package's `softsign` as its hidden activation, made by name through
// a registry holding the framework's components and this package's own; saves it as a model file and loads it
// back to predict the same outputs. Given the path of a model file written by `nn train --save`, it loads that
// one too. Exits non-zero if anything is wrong.

let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, SoftsignPlugin.self])
let iris = try IrisLoader.bundled()
let random = RandomSource(seed: 1)
let network = try Sequential(
  inputWidth: 4,
  layers: ["dense(12)", "softsign", "dense(6)", "softsign", "dense(3)", "softmax"].map { try registry.layer($0) },
  initializer: try registry.initializer("xavier_uniform"), random: random)
let trainer = Trainer(
  network: network, loss: try registry.loss("softmax_cross_entropy"),
  optimizer: try registry.optimizer("momentum(learning_rate=0.02)"))
var run = try TrainingRun(trainer: trainer, random: random, batchSize: 16)
let losses = try run.fit(iris, epochs: 500).history.entries.map(\.trainingLoss)
let (loss, accuracy) = try run.trainer.evaluate(iris)
print("network: \(network.layers.map(\.configuration.description).joined(separator: " → "))")
print("iris: batch loss \(losses.first!) → \(losses.last!); loss \(loss), accuracy \(accuracy!)")
guard accuracy! >= 0.9 else { fatalError("softsign did not learn iris: accuracy \(accuracy!)") }

// Saved in one line; loaded through the registry, which makes every component again by name, softsign included.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("softsign-iris-\(getpid()).json").path
defer { try? FileManager.default.removeItem(atPath: path) }
try run.modelFile(classNames: iris.classNames, seed: 1).write(path: path)
let model = try LoadedModel(path: path, registry: registry)
guard try model.predict(iris.features) == run.trainer.network.predict(iris.features) else {
  fatalError("the loaded model does not predict what the trained one did")
}
print("saved, loaded, predicted: \(try model.predictedClassNames(iris.features).prefix(3)) …")

// Without this package's plugin the file does not load: the error names softsign and lists the known layers.
do {
  _ = try LoadedModel(path: path, registry: try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self]))
  fatalError("a registry without softsign loaded the model")
} catch {
  print("without the plugin: \(error)")
}

// A model written by `nn train --save` loads the same way; prediction applies its stored standardisation.
if CommandLine.arguments.count > 1 {
  let trained = try LoadedModel(path: CommandLine.arguments[1], registry: registry)
  let predicted = try trained.predictedClassNames(iris.features)
  let correct = zip(predicted, iris.labels ?? []).filter { $0 == iris.classNames[$1] }.count
  print("\(CommandLine.arguments[1]): \(correct) of \(iris.count) iris samples classified correctly")
  guard correct >= iris.count * 9 / 10 else { fatalError("the model from nn train predicts badly") }
}
print("softsign-demo: ok")
