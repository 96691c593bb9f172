import NNCore
import NNData
import NNLayers
import NNOptim

/// Everything `nn train` needs to know, as plain values; the defaults train the seed's iris network.
struct TrainingSettings {
  /// How long to train.
  enum Length: Equatable {
    /// Passes over the data (for `replacement` and `subset` sampling, ⌈samples / batch⌉ batches each).
    case epochs(Int)
    /// Mini-batch steps.
    case iterations(Int)
  }

  /// `iris` for the bundled copy, or a file path.
  var data = "iris"
  /// How to read the file: format, variable, labels, delimiter.
  var dataOptions = DataLoadOptions()
  /// The fraction of samples held out for testing, if any.
  var testFraction: Double?
  /// Whether to standardise the features with statistics of the training part.
  var standardize = false
  /// The output width, when not the one the data implies.
  var outputs: Int?
  /// Hidden layer widths; empty for no hidden layer (logistic or softmax regression).
  var hiddenLayers = [12, 6]
  /// The whole network as comma-separated layer specifications (`dense(12),relu,dense(3),softmax`); when set,
  /// ``hiddenLayers``, ``activation`` and ``outputActivation`` are not used.
  var network: String?
  /// The hidden layers' activation (a registry specification).
  var activation = "sigmoid"
  /// The output activation; `nil` chooses: `softmax` for `softmax_cross_entropy`, `sigmoid` otherwise.
  var outputActivation: String?
  /// The loss (a registry specification); `nil` chooses `softmax_cross_entropy` for classification and `mse`
  /// for regression.
  var loss: String?
  /// The loss's reduction, when given.
  var reduction: Reduction?
  /// The weight initializer (a registry specification); `nil` chooses by the hidden activation (see
  /// ``resolvedInitializer``).
  var initializer: String?
  /// Whether dense layers have a bias.
  var bias = true
  /// The optimizer (a registry specification).
  var optimizer = "momentum"
  /// The learning rate.
  var learningRate = 0.02
  /// The momentum factor, when given (for optimizers that take one).
  var momentum: Double?
  /// The learning-rate schedule, stepped once per mini-batch; `nil` keeps the rate constant.
  var schedule: LearningRateSchedule?
  /// The limit on gradients before each update, if any.
  var gradientClipping: GradientClipping?
  /// Stop once the mean batch loss of a block of ``logEvery`` iterations is below this, if set.
  var targetLoss: Double?
  /// Iterations per block for progress lines and the target-loss check; `nil` chooses a tenth of the run
  /// (1000 with a target loss).
  var logEvery: Int?
  /// Whether to report per-layer error-term and weight-gradient norms.
  var reportGradients = false
  /// Epochs without improvement of the monitored loss after which training stops and the best epoch's model is
  /// restored, if set (`--patience`).
  var patience: Int?
  /// The least decrease of the monitored loss that counts as an improvement (`--min-delta`).
  var minimumDelta = 0.0
  /// Whether every history entry gets the accuracy over the whole training part (for `--plot`; it costs an
  /// evaluation per epoch).
  var recordsTrainingAccuracy = false
  /// The mini-batch size.
  var batchSize = 16
  /// How batches are drawn.
  var sampling = SamplingMode.shuffle
  /// How long to train.
  var length = Length.epochs(1000)
  /// The seed of the random source (initial weights and batches).
  var seed: UInt64 = 1
  /// OpenBLAS threads.
  var threads = 1

  /// The most iterations a run with `--target-loss` and no length takes before giving up.
  static let targetLossIterationLimit = 1_000_000

  /// The defaults: the seed's 4-12-6-3 network on iris, trained to over 95% accuracy in milliseconds.
  static let standard = TrainingSettings()

  /// The initializer actually used: the one given, else `he_normal` for rectifier-like hidden activations
  /// (`relu`, `leaky_relu`, `elu`, `gelu`, `swish`, `silu`, `softplus`), `lecun_normal` for `selu`, and
  /// `xavier_uniform` otherwise (sigmoid, tanh and the rest).
  var resolvedInitializer: String {
    if let initializer { return initializer }
    switch (try? ComponentRequest(parsing: activation).name) ?? "" {
    case "relu", "leaky_relu", "elu", "gelu", "swish", "silu", "softplus", "maxout": return "he_normal"
    case "selu": return "lecun_normal"
    default: return "xavier_uniform"
    }
  }

  /// The loss actually used.
  ///
  /// - Parameter classification: Whether the data has class labels.
  func resolvedLoss(classification: Bool) -> String {
    loss ?? (classification ? "softmax_cross_entropy" : "mse")
  }

  /// The output activation actually used: the one given, else `softmax` for `softmax_cross_entropy`,
  /// `identity` for regression, and `sigmoid` otherwise.
  ///
  /// - Parameter classification: Whether the data has class labels.
  func resolvedOutputActivation(classification: Bool) -> String {
    if let outputActivation { return outputActivation }
    let lossName = (try? ComponentRequest(parsing: resolvedLoss(classification: classification)).name) ?? ""
    if lossName == "softmax_cross_entropy" { return "softmax" }
    return classification ? "sigmoid" : "identity"
  }
}
