import NNCore
import NNLayers
import NNOptim
import Softsign

// Builds a registry holding the framework's components and this package's own, makes a network that uses
// `softsign` by name, trains it on XOR, and checks that the loss fell. Exits non-zero if anything is wrong.

let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, SoftsignPlugin.self])
let specifications = ["dense(8)", "softsign", "dense(1)", "sigmoid"]
let random = RandomSource(seed: 3)
let network = try Sequential(
  inputWidth: 2, layers: specifications.map { try registry.layer($0) },
  initializer: try registry.initializer("xavier_uniform"), random: random)

// A model file names its parts by their configuration; making them again needs only the registry.
let saved = network.layers.map(\.configuration.description)
let remade = try saved.map { try registry.layer($0) }
guard remade.map(\.configuration) == network.layers.map(\.configuration) else {
  fatalError("the layers do not round-trip through their names: \(saved)")
}

let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
let targets = Matrix([[0], [1], [1], [0]])
var trainer = Trainer(
  network: network, loss: try registry.loss("mse"), optimizer: try registry.optimizer("momentum(learning_rate=0.5)"))
let before = try trainer.evaluate(inputs: inputs, targets: targets).loss
for _ in 0..<2000 { _ = try trainer.step(inputs: inputs, targets: targets, random: random) }
let (after, outputs) = try trainer.evaluate(inputs: inputs, targets: targets)
print("network: \(saved.joined(separator: " → "))")
print("XOR loss \(before) → \(after); outputs \(outputs.elements.map { ($0 * 1000).rounded() / 1000 })")
guard after < before / 10 else { fatalError("softsign did not learn XOR: loss \(before) → \(after)") }
print("softsign-demo: ok")
