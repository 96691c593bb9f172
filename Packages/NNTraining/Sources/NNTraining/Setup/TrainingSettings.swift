import NNCore
import NNData
import NNLayers
import NNOptim

/// Everything `nn train` needs to know, as plain values; the defaults train the seed's iris network.
public struct TrainingSettings: Sendable {

  /// `iris` for the bundled copy, or a file path.
  public var data = "iris"
  /// How to read the file: format, variable, labels, delimiter.
  public var dataOptions = DataLoadOptions()
  /// The fraction of samples held out for testing, if any.
  public var testFraction: Double?
  /// Whether to standardise the features with statistics of the training part.
  public var standardize = false
  /// The output width, when not the one the data implies.
  public var outputs: Int?
  /// Hidden layer widths; empty for no hidden layer (logistic or softmax regression).
  public var hiddenLayers = [12, 6]
  /// The whole network as comma-separated layer specifications (`dense(12),relu,dense(3),softmax`); when set,
  /// ``hiddenLayers``, ``activation`` and ``outputActivation`` are not used.
  public var network: String?
  /// The hidden layers' activation (a registry specification).
  public var activation = "sigmoid"
  /// The output activation; `nil` chooses: `softmax` for `softmax_cross_entropy`, `sigmoid` otherwise.
  public var outputActivation: String?
  /// The loss (a registry specification); `nil` chooses `softmax_cross_entropy` for classification and `mse`
  /// for regression.
  public var loss: String?
  /// The loss's reduction, when given.
  public var reduction: Reduction?
  /// The weight initializer (a registry specification); `nil` chooses by the hidden activation (see
  /// ``resolvedInitializer``).
  public var initializer: String?
  /// Whether dense layers have a bias.
  public var bias = true
  /// The optimizer (a registry specification).
  public var optimizer = "momentum"
  /// The learning rate.
  public var learningRate = 0.02
  /// The momentum factor, when given (for optimizers that take one).
  public var momentum: Double?
  /// The learning-rate schedule, stepped once per mini-batch; `nil` keeps the rate constant.
  public var schedule: LearningRateSchedule?
  /// The limit on gradients before each update, if any.
  public var gradientClipping: GradientClipping?
  /// Stop once the mean batch loss of a block of ``logEvery`` iterations is below this, if set.
  public var targetLoss: Double?
  /// Iterations per block for progress lines and the target-loss check; `nil` chooses a tenth of the run
  /// (1000 with a target loss).
  public var logEvery: Int?
  /// Whether to report per-layer error-term and weight-gradient norms.
  public var reportGradients = false
  /// Epochs without improvement of the monitored loss after which training stops and the best epoch's model is
  /// restored, if set (`--patience`).
  public var patience: Int?
  /// The least decrease of the monitored loss that counts as an improvement (`--min-delta`).
  public var minimumDelta = 0.0
  /// Whether every history entry gets the accuracy over the whole training part (for `--plot`; it costs an
  /// evaluation per epoch).
  public var recordsTrainingAccuracy = false
  /// The mini-batch size.
  public var batchSize = 16
  /// How batches are drawn.
  public var sampling = SamplingMode.shuffle
  /// How long to train.
  public var length = TrainingLength.epochs(1000)
  /// The element type the network computes in (`--dtype`): `float64`, the default, or `float32`.
  public var elementType = ElementType.float64
  /// The seed of the random source (initial weights and batches).
  public var seed: UInt64 = 1
  /// Threads that share the large passes of a step (`BLAS.setThreadCount`): by default every processor this process
  /// may run on (`BLAS.processorCount`); small networks run as on one.
  public var threads = BLAS.processorCount

  /// The most iterations a run with `--target-loss` and no length takes before giving up.
  public static let targetLossIterationLimit = 1_000_000

  /// The defaults: the seed's 4-12-6-3 network on the bundled iris data.
  public init() {}

  /// The defaults: the seed's 4-12-6-3 network on iris, trained to over 95% accuracy in milliseconds.
  public static let standard = TrainingSettings()

  /// The initializer actually used: the one given, else `he_normal` for rectifier-like hidden activations
  /// (`relu`, `leaky_relu`, `elu`, `gelu`, `swish`, `silu`, `softplus`), `lecun_normal` for `selu`, and
  /// `xavier_uniform` otherwise (sigmoid, tanh and the rest).
  public var resolvedInitializer: String {
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
  public func resolvedLoss(classification: Bool) -> String {
    loss ?? (classification ? "softmax_cross_entropy" : "mse")
  }

  /// The output activation actually used: the one given, else `softmax` for `softmax_cross_entropy`,
  /// `identity` for regression, and `sigmoid` otherwise.
  ///
  /// - Parameter classification: Whether the data has class labels.
  public func resolvedOutputActivation(classification: Bool) -> String {
    if let outputActivation { return outputActivation }
    let lossName = (try? ComponentRequest(parsing: resolvedLoss(classification: classification)).name) ?? ""
    if lossName == "softmax_cross_entropy" { return "softmax" }
    return classification ? "sigmoid" : "identity"
  }
}
