import NNCore
import NNData
import NNLayers
import NNOptim

/// The settings of a training run as plain JSON values, as a model file stores them.
struct StoredSettings: Codable, Equatable {
  /// `iris` or the data file's path.
  var data: String
  /// The data format (`auto`, `mat`, `csv`, `iris`).
  var format: String
  /// The MAT variable holding the samples, if named.
  var variable: String?
  /// The MAT variable holding the labels, if named.
  var labels: String?
  /// The label column (an index or a header name), if given.
  var labelColumn: String?
  /// The CSV delimiter, if given.
  var delimiter: String?
  /// Whether the CSV file has a header, if given.
  var header: Bool?
  /// `automatic`, `classification` or `regression`.
  var targetKind: String
  /// The classes kept, in the order of their labels, if only some were.
  var classes: [String]?
  /// The held-out test fraction, if any.
  var testFraction: Double?
  /// Whether the features were standardised.
  var standardize: Bool
  /// The output width, if given.
  var outputs: Int?
  /// Hidden layer widths.
  var hiddenLayers: [Int]
  /// The whole network as a layer specification, when given instead of the widths.
  var network: String?
  /// The hidden activation, as given.
  var activation: String
  /// The output activation, if given.
  var outputActivation: String?
  /// The loss, if given.
  var loss: String?
  /// The loss's reduction, if given.
  var reduction: String?
  /// The initializer actually used.
  var initializer: String
  /// Whether dense layers have a bias.
  var bias: Bool
  /// The optimizer, as given.
  var optimizer: String
  /// The base learning rate.
  var learningRate: Double
  /// The momentum factor, if given.
  var momentum: Double?
  /// The learning-rate schedule, if any.
  var schedule: LearningRateSchedule?
  /// The gradient clipping, if any.
  var gradientClipping: GradientClipping?
  /// The mini-batch size.
  var batchSize: Int
  /// `shuffle`, `replacement` or `subset`.
  var sampling: String
  /// The run's length in epochs, when given in epochs.
  var epochs: Int?
  /// The run's length in iterations, when given in iterations.
  var iterations: Int?
  /// The target loss, if any.
  var targetLoss: Double?
  /// The progress block length, if given.
  var logEvery: Int?
  /// Epochs without improvement that stop the run (`--patience`), if given.
  var patience: Int?
  /// The least improvement for `--patience` (`--min-delta`), when patience is given.
  var minimumDelta: Double?
  /// The element type, when it is not `float64` (so float64 settings read as they always have).
  var elementType: ElementType?
  /// The random seed.
  var seed: UInt64
  /// Threads for large products and elementwise passes.
  var threads: Int

  private enum CodingKeys: String, CodingKey {
    case data, format, variable, labels, delimiter, header, outputs, network, activation, loss, reduction, initializer
    case bias, classes
    case optimizer, momentum, schedule, sampling, epochs, iterations, seed, threads, standardize
    case labelColumn = "label_column"
    case targetKind = "target_kind"
    case testFraction = "test_fraction"
    case hiddenLayers = "hidden_layers"
    case outputActivation = "output_activation"
    case learningRate = "learning_rate"
    case gradientClipping = "gradient_clipping"
    case batchSize = "batch_size"
    case targetLoss = "target_loss"
    case logEvery = "log_every"
    case patience
    case minimumDelta = "min_delta"
    case elementType = "element_type"
  }

  /// The plain values of `settings`.
  ///
  /// - Parameter settings: The run's settings.
  init(_ settings: TrainingSettings) {
    let options = settings.dataOptions
    data = settings.data
    format = options.format.rawValue
    variable = options.variable
    labels = options.labelsVariable
    switch options.labelColumn {
    case .index(let index): labelColumn = String(index)
    case .name(let name): labelColumn = name
    case nil: labelColumn = nil
    }
    delimiter = options.delimiter?.rawValue
    header = options.hasHeader
    targetKind = options.targetKind.rawValue
    classes = options.classes
    testFraction = settings.testFraction
    standardize = settings.standardize
    outputs = settings.outputs
    hiddenLayers = settings.hiddenLayers
    network = settings.network
    activation = settings.activation
    outputActivation = settings.outputActivation
    loss = settings.loss
    reduction = settings.reduction?.rawValue
    initializer = settings.resolvedInitializer
    bias = settings.bias
    optimizer = settings.optimizer
    learningRate = settings.learningRate
    momentum = settings.momentum
    schedule = settings.schedule
    gradientClipping = settings.gradientClipping
    batchSize = settings.batchSize
    sampling = settings.sampling.rawValue
    switch settings.length {
    case .epochs(let count): epochs = count
    case .iterations(let count): iterations = count
    }
    targetLoss = settings.targetLoss
    logEvery = settings.logEvery
    patience = settings.patience
    minimumDelta = settings.patience == nil ? nil : settings.minimumDelta
    elementType = settings.elementType == .float64 ? nil : settings.elementType
    seed = settings.seed
    threads = settings.threads
  }

  /// The settings these values describe.
  ///
  /// - Throws: ``CommandFailure`` (bad data, 65) for a value no flag accepts.
  func settings() throws -> TrainingSettings {
    var settings = TrainingSettings()
    settings.data = data
    guard let dataFormat = DataFormat(rawValue: format), let kind = TargetKind(rawValue: targetKind),
      let mode = SamplingMode(rawValue: sampling)
    else {
      throw TrainingError(
        "training: format '\(format)', target kind '\(targetKind)' or sampling '\(sampling)' is not known",
        kind: .data)
    }
    var options = DataLoadOptions(format: dataFormat, variable: variable, labelsVariable: labels, hasHeader: header)
    options.targetKind = kind
    options.classes = classes
    options.labelColumn = labelColumn.map(LabelColumn.init)
    if let delimiter {
      guard let separator = CSVDelimiter(rawValue: delimiter) else {
        throw TrainingError("training: unknown delimiter '\(delimiter)'", kind: .data)
      }
      options.delimiter = separator
    }
    settings.dataOptions = options
    settings.testFraction = testFraction
    settings.standardize = standardize
    settings.outputs = outputs
    settings.hiddenLayers = hiddenLayers
    settings.network = network
    settings.activation = activation
    settings.outputActivation = outputActivation
    settings.loss = loss
    if let reduction {
      guard let value = Reduction(rawValue: reduction) else {
        throw TrainingError("training: unknown reduction '\(reduction)'", kind: .data)
      }
      settings.reduction = value
    }
    settings.initializer = initializer
    settings.bias = bias
    settings.optimizer = optimizer
    settings.learningRate = learningRate
    settings.momentum = momentum
    settings.schedule = schedule
    settings.gradientClipping = gradientClipping
    settings.batchSize = batchSize
    settings.sampling = mode
    if let iterations {
      settings.length = .iterations(iterations)
    } else if let epochs {
      settings.length = .epochs(epochs)
    }
    settings.targetLoss = targetLoss
    settings.logEvery = logEvery
    if let patience {
      guard patience >= 1, (minimumDelta ?? 0) >= 0 else {
        throw TrainingError(
          "training: patience must be at least 1 and min_delta at least 0, got \(patience) and \(minimumDelta ?? 0)",
          kind: .data)
      }
      settings.patience = patience
      settings.minimumDelta = minimumDelta ?? 0
    }
    settings.elementType = elementType ?? .float64
    settings.seed = seed
    settings.threads = threads
    return settings
  }
}

extension TrainingSettings {
  /// The settings a model file stores in its `training` object, as `nn train --save` (and
  /// ``TrainingSession/modelFile()``) writes them.
  ///
  /// - Parameter model: The loaded model.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming the key under `training.` at fault;
  ///   ``TrainingError`` (of kind data) for a value no setting accepts.
  public init(storedIn model: LoadedModel) throws {
    self = try model.training(as: StoredSettings.self).settings()
  }
}

extension TrainingSettings {
  /// Whether a model file stores training settings (`nn train --save` and ``TrainingSession/modelFile()`` store
  /// them; a file written with ``ModelFile/init(trainer:standardization:classNames:featureNames:seed:progress:)``
  /// alone does not).
  ///
  /// - Parameter model: The loaded model.
  public static func isStored(in model: LoadedModel) -> Bool { !model.file.training.isEmpty }

  /// Settings for continuing a model that stores none: the defaults, with the model's loss, output activation,
  /// learning rate, element type and seed, and no data (the caller names it).
  ///
  /// - Parameter model: The loaded model.
  public init(continuing model: LoadedModel) {
    self.init()
    data = ""
    loss = model.file.loss.description
    outputActivation = model.network.layers.last?.configuration.description
    learningRate = model.optimizer.learningRate
    elementType = model.network.elementType
    seed = model.file.seed
  }
}
