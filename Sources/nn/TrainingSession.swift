import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining

/// One run of `nn train`: the data, the network and its trainer, made from settings, and the training loop.
struct TrainingSession {
  let settings: TrainingSettings
  let data: TrainingData
  var dataset: Dataset { data.train }
  let random: RandomSource
  var trainer: Trainer
  /// Mini-batch steps taken over every run of this model (a resumed run starts from the stored count).
  var completedIterations = 0
  /// The generator's state when the current batch stream began (base 64), and its batches so far.
  var batchStream = StoredSamplerProgress.notStarted
  /// The batch stream of the resumed model, if any.
  var resumedBatchStream: StoredSamplerProgress?
  /// Whether the session continues a saved model.
  private(set) var isResumed = false

  /// Loads the data and builds the network and its trainer, or takes them from a saved model.
  ///
  /// - Parameters:
  ///   - settings: Checked settings.
  ///   - model: A saved model to continue training: its weights, optimizer state, standardisation, step count
  ///     and random state replace fresh ones.
  /// - Throws: ``CommandFailure`` naming the flag, file or component that is wrong.
  init(settings: TrainingSettings, resuming model: LoadedModel? = nil) throws {
    self.settings = settings
    BLAS.setThreadCount(settings.threads)
    let registry = try Plugins.registry()
    random = RandomSource(seed: settings.seed)
    if let model {
      data = try TrainingData.prepare(settings: settings, standardization: model.file.standardization, random: random)
      trainer = try Self.resumedTrainer(model, data: data.train, settings: settings, random: random)
      completedIterations = model.file.progress.iterations
      resumedBatchStream = model.file.progress.sampler
      isResumed = true
      return
    }
    data = try TrainingData.prepare(settings: settings, random: random)
    let dataset = data.train
    let classification = dataset.isClassification
    do {
      let layers = try Self.layers(settings: settings, dataset: dataset, registry: registry)
      let initializer = try Self.component("--init", settings.resolvedInitializer) { try registry.initializer($0) }
      var lossRequest = try Self.request("--loss", settings.resolvedLoss(classification: classification))
      if let reduction = settings.reduction { lossRequest.named["reduction"] = .text(reduction.rawValue) }
      let loss = try Self.component("--loss", lossRequest) { try registry.loss($0) }
      var optimizerRequest = try Self.request("--optimizer", settings.optimizer)
      optimizerRequest.named["learning_rate"] = .number(settings.learningRate)
      if let momentum = settings.momentum { optimizerRequest.named["momentum"] = .number(momentum) }
      let optimizer = try Self.component("--optimizer", optimizerRequest) { try registry.optimizer($0) }
      let network = try Sequential(
        inputWidth: dataset.featureCount, layers: layers, initializer: initializer, random: random)
      // Per-layer error terms are kept by the layer-by-layer path only.
      trainer = Trainer(
        network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: !settings.reportGradients)
      trainer.gradientClipping = settings.gradientClipping
      guard trainer.lossWidth == dataset.targetCount else {
        throw CommandFailure(
          "the network gives \(trainer.lossWidth) outputs to the loss, but \(dataset.name) has "
            + "\(dataset.targetCount) target columns; end the network in \(dataset.targetCount) units")
      }
      try Self.checkCombination(trainer: trainer, dataset: dataset, settings: settings)
    } catch let error as NetworkError {
      throw CommandFailure("cannot build the network: \(error)")
    }
  }

  /// The loss and accuracy over a whole data set (accuracy NaN for regression).
  ///
  /// - Parameter dataset: The training or test part.
  func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double) {
    let (loss, outputs) = try trainer.evaluate(inputs: dataset.features, targets: dataset.targets)
    let accuracy = dataset.labels.map { Accuracy.of(outputs, labels: $0) } ?? .nan
    return (loss, accuracy)
  }

  /// The layer widths, such as `4-12-6-3`.
  var networkDescription: String {
    let network = trainer.network
    let learned = network.layers.indices.filter { !network.parameters[$0].isEmpty }
    return ([network.inputWidth] + learned.map { network.widths[$0 + 1] }).map(String.init).joined(separator: "-")
  }

  /// The network's layers: `--network` as given, or dense hidden layers of the `--layers` widths with
  /// `--activation` (a `maxout` activation makes each a maxout layer), then the output layer.
  private static func layers(settings: TrainingSettings, dataset: Dataset, registry: Registry) throws -> [any Layer] {
    if let text = settings.network {
      do {
        return try NetworkSpecification.layers(from: text, registry: registry)
      } catch let error as NetworkSpecificationError {
        throw CommandFailure("--network: \(error)")
      }
    }
    var layers: [any Layer] = []
    for width in settings.hiddenLayers {
      do {
        layers += try NetworkSpecification.hiddenStage(
          width: width, activation: settings.activation, bias: settings.bias, registry: registry)
      } catch let error as ComponentError {
        throw CommandFailure("--activation: \(error)")
      }
    }
    layers.append(try Dense(units: dataset.targetCount, bias: settings.bias))
    let output = settings.resolvedOutputActivation(classification: dataset.isClassification)
    layers.append(try component("--output-activation", output) { try registry.layer($0) })
    return layers
  }

  private static func request(_ flag: String, _ text: String) throws -> ComponentRequest {
    do { return try ComponentRequest(parsing: text) } catch { throw CommandFailure("\(flag): \(error)") }
  }

  private static func component<Product>(
    _ flag: String, _ text: String, _ make: (ComponentRequest) throws -> Product
  ) throws -> Product {
    try component(flag, try request(flag, text), make)
  }

  private static func component<Product>(
    _ flag: String, _ request: ComponentRequest, _ make: (ComponentRequest) throws -> Product
  ) throws -> Product {
    do { return try make(request) } catch let error as ComponentError { throw CommandFailure("\(flag): \(error)") }
  }
}
