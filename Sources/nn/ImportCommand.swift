import ArgumentParser
import Foundation
import NNCore
import NNInterchange
import NNLayers
import NNTraining

/// `nn import`: a model file from weights saved by numpy or PyTorch.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Make a model file from a numpy or PyTorch .npz of weights and a network specification.",
    discussion: """
      The arrays are given to the network's parameters in the archive's order, layer after layer: a dense \
      layer's weight, then its bias. --layout numpy takes weights as inputs × units (a = x @ W); --layout \
      pytorch as PyTorch's Linear.weight, units × inputs, and transposes them. From PyTorch: \
      numpy.savez("weights.npz", **{k: v.detach().double().numpy() for k, v in model.state_dict().items()}).
      """)

  @Option(help: "The .npz archive of weights (numpy.savez).")
  var npz: String

  @Option(help: "The network, as --network of nn train: \"dense(12),sigmoid,dense(3),softmax\".")
  var network: String

  @Option(help: "The number of inputs.")
  var inputWidth: Int

  @Option(help: "How weight matrices are laid out: numpy (inputs × units) or pytorch (units × inputs).")
  var layout = "numpy"

  @Option(help: "The loss to store with the model.")
  var loss = "mse"

  @Option(help: "The optimizer to store with the model (its state starts empty).")
  var optimizer = "sgd"

  @Option(help: "The model file to write (JSON, or safetensors when it ends in .safetensors).")
  var save: String

  mutating func run() throws {
    try reportingFailures("import") {
      guard let layout = WeightLayout(rawValue: layout) else {
        throw CommandFailure("--layout must be numpy or pytorch, got '\(layout)'")
      }
      let registry = try Plugins.registry()
      let (file, arrays) = try WeightImport.modelFile(
        npz: npz, layers: try NetworkSpecification.layers(from: network, registry: registry), inputWidth: inputWidth,
        layout: layout, loss: try registry.loss(loss), optimizer: try registry.optimizer(optimizer))
      try file.write(path: save)
      print("wrote \(save): \(arrays.count) arrays (\(arrays.joined(separator: ", "))), \(layout) layout")
    }
  }
}
