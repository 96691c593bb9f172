import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import Softsign

// Builds a registry holding the framework's components and this package's own, trains a network that uses
// `softsign` by name on XOR, saves it as a model file, and loads it back through the registry to predict the
// same outputs. Given the path of a model file written by `nn train --save`, it loads that one too and predicts
// the bundled iris data with it. Exits non-zero if anything is wrong.

let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, SoftsignPlugin.self])
let random = RandomSource(seed: 3)
let network = try Sequential(
  inputWidth: 2, layers: ["dense(8)", "softsign", "dense(1)", "sigmoid"].map { try registry.layer($0) },
  initializer: try registry.initializer("xavier_uniform"), random: random)

let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
let targets = Matrix([[0], [1], [1], [0]])
var trainer = Trainer(
  network: network, loss: try registry.loss("mse"), optimizer: try registry.optimizer("momentum(learning_rate=0.5)"))
let before = try trainer.evaluate(inputs: inputs, targets: targets).loss
for _ in 0..<2000 { _ = try trainer.step(inputs: inputs, targets: targets, random: random) }
let after = try trainer.evaluate(inputs: inputs, targets: targets).loss
print("network: \(network.layers.map(\.configuration.description).joined(separator: " → "))")
print("XOR loss \(before) → \(after)")
guard after < before / 10 else { fatalError("softsign did not learn XOR: loss \(before) → \(after)") }

// Save in one line; load through the registry, which makes every component again by name, softsign included.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("softsign-xor-\(getpid()).json").path
defer { try? FileManager.default.removeItem(atPath: path) }
try ModelFile(trainer: trainer, classNames: ["false", "true"], seed: 3).write(path: path)
let model = try LoadedModel(path: path, registry: registry)
guard try model.predict(inputs) == trainer.network.predict(inputs) else {
  fatalError("the loaded model does not predict what the trained one did")
}
print("saved, loaded, predicted: \(try model.predictedClassNames(inputs))")

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
  let iris = try IrisLoader.bundled()
  let predicted = try trained.predictedClassNames(iris.features)
  let correct = zip(predicted, iris.labels ?? []).filter { $0 == iris.classNames[$1] }.count
  print("\(CommandLine.arguments[1]): \(correct) of \(iris.count) iris samples classified correctly")
  guard correct >= iris.count * 9 / 10 else { fatalError("the model from nn train predicts badly") }
}
print("softsign-demo: ok")
