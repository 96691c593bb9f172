import NNCore
import NNData

/// The contents of a model file (`nn train --save model.json`): one JSON object that makes the trained network
/// again, continues its training, and evaluates or predicts with the same data preparation.
///
/// Components are stored by registry name and parameters (their `configuration`), so a model made with a
/// registered custom component loads wherever that component is registered. Parameters are keyed by path,
/// `layers.<index>.<name>` (such as `layers.0.weight`), and stored as `{"rows", "columns", "elements"}` in
/// row-major order.
struct ModelFile: Codable {
  /// The value of ``format`` in every model file.
  static let formatName = "nn-model"
  /// The version this program writes and reads.
  static let currentVersion = 1

  /// Always ``formatName``.
  var format = ModelFile.formatName
  /// The layout's version; ``currentVersion`` when written by this program.
  var version = ModelFile.currentVersion
  /// The layers by registry name and parameters, and the input width.
  var network: StoredNetwork
  /// Every parameter matrix, by path (`layers.0.weight`).
  var weights: [String: Matrix]
  /// The optimizer's configuration and its per-parameter state.
  var optimizer: StoredOptimizer
  /// The loss's configuration.
  var loss: ComponentConfiguration
  /// The standardisation applied to the features before the network, if any.
  var standardization: Standardization?
  /// The class names, in the order of the network's outputs; empty for regression.
  var classNames: [String]
  /// The feature names of the training data.
  var featureNames: [String]
  /// The random seed of the first run.
  var seed: UInt64
  /// The settings of the run that wrote the file, as plain values.
  var training: StoredSettings
  /// How far training went, and the random source's state, for `--resume`.
  var progress: StoredProgress

  private enum CodingKeys: String, CodingKey {
    case format, version, network, weights, optimizer, loss, standardization, seed, training, progress
    case classNames = "class_names"
    case featureNames = "feature_names"
  }

  /// The path of a parameter: `layers.<layer>.<name>`.
  ///
  /// - Parameters:
  ///   - layer: The layer's index.
  ///   - name: The parameter's name in its layer (`weight`, `bias`).
  static func parameterPath(layer: Int, name: String) -> String { "layers.\(layer).\(name)" }
}

/// A network as stored: its input width and its layers by registry name and parameters.
struct StoredNetwork: Codable, Equatable {
  /// The number of input features.
  var inputWidth: Int
  /// Each layer's configuration, first to last.
  var layers: [ComponentConfiguration]

  private enum CodingKeys: String, CodingKey {
    case layers
    case inputWidth = "input_width"
  }
}

/// An optimizer as stored: its configuration and the state of each parameter, by the parameter's path.
struct StoredOptimizer: Codable {
  /// The optimizer's registry name and parameters.
  var configuration: ComponentConfiguration
  /// The state of each parameter, keyed like ``ModelFile/weights``.
  var state: [String: StoredParameterState]
}

/// One parameter's optimizer state: the steps taken and the named slots (such as `momentum_buffer`).
struct StoredParameterState: Codable {
  /// Updates applied so far.
  var step: Int
  /// The optimizer's slots by their names (``Optimizer/slotNames``).
  var slots: [String: Matrix]
}

/// Where training stopped: the steps taken over every run, and the random source, so `--resume` draws the
/// batches an uninterrupted run would have drawn.
struct StoredProgress: Codable {
  /// Mini-batch steps taken over all runs (a learning-rate schedule continues from here).
  var iterations: Int
  /// The random generator's GSL name (`mt19937`).
  var generator: String
  /// The generator's state bytes, in base 64.
  var randomState: String
  /// Where the batch stream began, so a resumed run can rebuild the sampler's permutation.
  var sampler: StoredSamplerProgress

  private enum CodingKeys: String, CodingKey {
    case iterations, generator, sampler
    case randomState = "random_state"
  }
}

/// A batch stream: the generator's state when its sampler was made, the batches drawn since, and what the
/// sampler drew from. Replaying the batches from that state rebuilds the sampler's permutation exactly when
/// nothing else drew from the generator in between (no dropout).
struct StoredSamplerProgress: Codable, Equatable {
  /// The generator's state bytes when the sampler was made, in base 64.
  var startState: String
  /// Batches drawn since.
  var batches: Int
  /// The batch size.
  var batchSize: Int
  /// The sampling mode.
  var sampling: String
  /// The number of samples drawn from.
  var samples: Int

  private enum CodingKeys: String, CodingKey {
    case batches, sampling, samples
    case startState = "start_state"
    case batchSize = "batch_size"
  }
}
