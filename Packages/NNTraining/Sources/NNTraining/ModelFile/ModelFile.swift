import NNCore
import NNData
import NNLayers

/// The contents of a model file: one JSON object that makes a trained network again, continues its training, and
/// predicts with the same data preparation.
///
/// ```swift
/// try ModelFile(trainer: trainer, classNames: ["no", "yes"]).write(path: "model.json")
/// let model = try LoadedModel(path: "model.json", registry: registry)
/// let outputs = try model.predict(features)
/// ```
///
/// Components are stored by registry name and parameters (their `configuration`), so a model made with a
/// registered custom component loads wherever that component is registered. Parameters are keyed by path,
/// `layers.<index>.<name>` (such as `layers.0.weight`), and stored as `{"rows", "columns", "elements"}` in
/// row-major order. Keys are lower_snake (`class_names`), as in every file `nn train --save` writes.
public struct ModelFile: Codable, Sendable, Equatable {
  /// The value of ``format`` in every model file.
  public static let formatName = "nn-model"
  /// The layout's version this library writes and reads.
  public static let currentVersion = 1

  /// Always ``formatName``.
  public var format = ModelFile.formatName
  /// The layout's version; ``currentVersion`` when written by this library.
  public var version = ModelFile.currentVersion
  /// The layers by registry name and parameters, and the input width.
  public var network: StoredNetwork
  /// Every parameter matrix, by path (`layers.0.weight`).
  public var weights: [String: Matrix]
  /// The optimizer's configuration and its per-parameter state.
  public var optimizer: StoredOptimizer
  /// The loss's configuration.
  public var loss: ComponentConfiguration
  /// The standardisation applied to the features before the network, if any.
  public var standardization: Standardization?
  /// The class names, in the order of the network's outputs; empty for regression.
  public var classNames: [String]
  /// The feature names of the training data (may be empty).
  public var featureNames: [String]
  /// The random seed the network was made with.
  public var seed: UInt64
  /// The settings of the run that wrote the file, in the writing program's own layout, as raw JSON; may be empty.
  /// Programs store theirs with ``setTraining(_:)`` and read them back with ``training(as:path:)``.
  @_spi(Internals) public var training: [String: JSONValue]
  /// How far training went, and the random source's state.
  public var progress: StoredProgress

  private enum CodingKeys: String, CodingKey {
    case format, version, network, weights, optimizer, loss, standardization, seed, training, progress
    case classNames = "class_names"
    case featureNames = "feature_names"
  }

  /// A model file from its parts, of the current format and version.
  ///
  /// - Parameters:
  ///   - network: The layers by configuration, and the input width.
  ///   - weights: Every parameter matrix, by path.
  ///   - optimizer: The optimizer's configuration and per-parameter state.
  ///   - loss: The loss's configuration.
  ///   - standardization: The standardisation applied to the features, if any.
  ///   - classNames: The class names in output order; empty for regression.
  ///   - featureNames: The feature names.
  ///   - seed: The random seed the network was made with.
  ///   - progress: How far training went.
  ///
  /// The writing program's own settings start empty; ``setTraining(_:)`` stores them.
  public init(
    network: StoredNetwork, weights: [String: Matrix], optimizer: StoredOptimizer, loss: ComponentConfiguration,
    standardization: Standardization? = nil, classNames: [String] = [], featureNames: [String] = [],
    seed: UInt64 = 0, progress: StoredProgress = StoredProgress()
  ) {
    self.network = network
    self.weights = weights
    self.optimizer = optimizer
    self.loss = loss
    self.standardization = standardization
    self.classNames = classNames
    self.featureNames = featureNames
    self.seed = seed
    self.training = [:]
    self.progress = progress
  }

  /// The path of a parameter: `layers.<layer>.<name>`.
  ///
  /// - Parameters:
  ///   - layer: The layer's index.
  ///   - name: The parameter's name in its layer (`weight`, `bias`).
  public static func parameterPath(layer: Int, name: String) -> String { "layers.\(layer).\(name)" }
}
