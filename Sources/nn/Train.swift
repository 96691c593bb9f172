import ArgumentParser
import Foundation
import NNCore
@_spi(Internals) import NNData
@_spi(Internals) import NNLayers
import NNOptim
import NNTraining

/// `nn train`: trains a multi-layer perceptron and reports its loss and accuracy.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a network (by default the seed's 4-12-6-3 network on the bundled iris data).",
    discussion: """
      The network is dense layers of the --layers widths with --activation after each, then a dense output \
      layer (one unit per class) with --output-activation. Components are named as in `nn list`, with \
      optional parameters: --activation "leaky_relu(negative_slope=0.1)".
      """)

  @Option(help: "The data: 'iris' for the bundled copy (the default), or a MAT, CSV or UCI iris-format file.")
  var data: String?

  @OptionGroup var dataArguments: DataArguments

  @Option(help: "Hold out this fraction of the samples (stratified by class) and report test loss and accuracy.")
  var testFraction: Double?

  @Flag(help: "Standardise each feature with the mean and deviation of the training part.")
  var standardize = false

  @Option(help: "The output width, when not the one the data implies (1 or 2 for two classes).")
  var outputs: Int?

  @Option(
    help:
      "The whole network as layer specifications, e.g. \"dense(12),sigmoid,dense(3),softmax\" (instead of --layers).")
  var network: String?

  @Option(help: "Hidden layer widths, comma-separated; \"\" for none (logistic regression).")
  var layers = TrainingSettings.standard.hiddenLayers.map(String.init).joined(separator: ",")

  @Option(help: "The hidden layers' activation.")
  var activation = TrainingSettings.standard.activation

  @Option(help: "The output activation (default: softmax with softmax_cross_entropy, otherwise sigmoid).")
  var outputActivation: String?

  @Option(help: "The loss (default: softmax_cross_entropy for classes, mse for regression).")
  var loss: String?

  @Option(help: "How the loss combines a batch: mean or sum.")
  var reduction: String?

  @Option(
    name: .customLong("init"),
    help:
      "The weight initializer (default: he_normal for ReLU-like activations, lecun_normal for selu, else xavier_uniform)."
  )
  var initializer: String?

  @Flag(inversion: .prefixedNo, help: "Whether dense layers have a bias.")
  var bias = TrainingSettings.standard.bias

  @Option(help: "The optimizer: sgd, momentum, nesterov, …")
  var optimizer = TrainingSettings.standard.optimizer

  @Option(
    name: .customLong("lr"),
    help: ArgumentHelp(
      "The learning rate, positive (default: the optimizer's own, as `nn list optimizers` shows; "
        + "\(TrainingSettings.standard.learningRate) for the default optimizer).",
      valueName: "rate"))
  var learningRate: Double?

  @Option(help: "The momentum factor, for optimizers that take one.")
  var momentum: Double?

  @Option(help: "Learning-rate schedule: constant, step(size, factor), exponential(factor), cosine(steps, minimum).")
  var schedule: String?

  @Option(help: "Linear warm-up steps before the schedule (default 0).")
  var warmup = 0

  @Option(help: "Rescale all gradients together to at most this Euclidean norm.")
  var clipNorm: Double?

  @Option(help: "Clamp every gradient element to [-X, X].")
  var clipValue: Double?

  @Option(help: "Samples per mini-batch (default 16).")
  var batchSize: Int?

  @Option(help: "How batches are drawn: shuffle (epochs, the default), replacement, subset.")
  var sampling: String?

  @Option(help: "Passes over the data (default 1000).")
  var epochs: Int?

  @Option(help: "Mini-batch steps (instead of --epochs).")
  var iterations: Int?

  @Option(help: "Stop when the mean batch loss over a --log-every block falls below this.")
  var targetLoss: Double?

  @Option(
    help:
      "Iterations per progress line and per target-loss check (default: a tenth of the run, 1000 with --target-loss).")
  var logEvery: Int?

  @Option(
    help: ArgumentHelp(
      "Stop after this many epochs without improvement of the validation loss (the training loss without "
        + "--test-fraction), and keep the best epoch's model.",
      discussion:
        "The best epoch's model (weights, optimizer state, step count) is restored at the end of every run with "
        + "--patience, whether it stopped early or ran to its end or --target-loss; --save writes it."))
  var patience: Int?

  @Option(help: "The least decrease of the monitored loss that counts as an improvement for --patience (default 0).")
  var minDelta: Double?

  @Option(help: "Write an SVG chart of the loss and accuracy per epoch (or iteration) to this .svg file.")
  var plot: String?

  @Flag(help: "Report each layer's mean error-term and weight-gradient norms (the vanishing-gradient experiment).")
  var reportGradients = false

  @Option(help: "The random seed (initial weights and batches).")
  var seed = TrainingSettings.standard.seed

  @Option(help: "The element type the network computes in: float64 (the default) or float32.")
  var dtype: String?

  @Option(
    help: "Threads that share a step's large products, elementwise passes and batches (small networks use one).")
  var threads = TrainingSettings.standard.threads

  @Flag(help: "Print nothing but errors (and the --json line).")
  var quiet = false

  @Flag(help: "Print one JSON object with the results on the last line.")
  var json = false

  @Option(
    help: ArgumentHelp(
      "Write the trained model (network, weights, optimizer state, settings) to this file: JSON, or safetensors "
        + "when it ends in .safetensors."))
  var save: String?

  @Flag(
    help: ArgumentHelp(
      "Train across the processes that mpirun started, each on its share of every batch (data parallel).",
      discussion:
        "Run as `mpirun -np N nn train --distributed …` with the same flags for every process; the global batch "
        + "size means what it means in one process. Process 0 alone prints, plots and writes. Needs the "
        + "library `make distributed` builds over Open MPI."))
  var distributed = false

  @Option(
    help: ArgumentHelp(
      "Continue training the model in this file, with its weights, optimizer state and settings.",
      discussion:
        "Only --data (with its format flags), --batch-size, --sampling, --epochs, --iterations, --target-loss, "
        + "--log-every, --patience, --min-delta, --report-gradients and --threads override the stored settings; "
        + "--dtype, if given, must be the model's."))
  var resume: String?

  mutating func run() throws {
    guard distributed else { return try reportingFailures("train") { try train(across: nil) } }
    let group = try reportingFailures("train") { try Communicator.runtime() }
    do {
      try KernelInstructionSet.checkEnvironment()
      try train(across: group)
    } catch let exit as ExitCode {
      throw exit
    } catch {
      let failure = CommandFailure(describing: error)
      // An error every process meets alike (the flags' usage errors among them) is reported once; one of this
      // process alone is reported with its rank and ends the others, which would otherwise wait for it.
      if DistributedError.isMetByEveryProcess(error) || failure.status == .usage {
        if group.rank == 0 { failure.report("train") }
        throw ExitCode(failure.status.rawValue)
      }
      failure.report("train", rank: group.size > 1 ? group.rank : nil)
      group.abort(status: failure.status.rawValue)
    }
  }

  /// Trains, on this process alone or as one of `group`'s; on a process other than 0, prints and writes
  /// nothing.
  ///
  /// - Parameter group: The processes training together, if any.
  mutating func train(across group: Communicator?) throws {
    let leads = (group?.rank ?? 0) == 0
    if let plot { try Train.checkPlotPath(plot) }
    let registry = try Plugins.registry()
    var session: TrainingSession
    if let resume {
      let model = try LoadedModel(path: resume, registry: registry)
      var settings: TrainingSettings
      if TrainingSettings.isStored(in: model) {
        settings = try resumedSettings(try TrainingSettings(storedIn: model))
      } else {
        guard data != nil else {
          throw CommandFailure("\(resume): this model was saved without data settings: give --data")
        }
        settings = try resumedSettings(TrainingSettings(continuing: model))
      }
      settings.recordsTrainingAccuracy = plot != nil
      session = try TrainingSession(settings: settings, registry: registry, resuming: model)
    } else {
      var settings = try makeSettings()
      settings.recordsTrainingAccuracy = plot != nil
      session = try TrainingSession(settings: settings, registry: registry)
    }
    // Ctrl-C stops at the end of the step; the model is still saved, and the exit status is 130.
    let interrupt = InterruptObserver()
    let summary = try session.train(
      progress: ProgressObserver(style: quiet || json || !leads ? .silent : .automatic), observers: [interrupt],
      across: group)
    guard leads else { return }
    if let save { try session.modelFile().write(path: save) }
    if let plot { try AtomicFile.write(Data(summary.chart.svg().utf8), to: plot) }
    if json {
      print(try summary.jsonLine())
    } else if !quiet {
      print(summary.humanReadable)
    }
    if interrupt.isInterrupted {
      let saved = save.map { "; the model was saved to \($0) (continue with --resume \($0))" } ?? ""
      FileHandle.standardError.write(
        Data("nn train: interrupted after \(summary.iterations) iterations\(saved)\n".utf8))
      throw ExitCode(130)
    }
  }

  /// Turns the flags into settings; the library checks their values (``TrainingSettings/check()``), the tool
  /// only what concerns flags together.
  func makeSettings() throws -> TrainingSettings {
    var settings = TrainingSettings()
    settings.testFraction = testFraction
    settings.standardize = standardize
    settings.outputs = outputs
    settings.hiddenLayers = try Train.parseLayers(layers)
    if let network {
      guard !network.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw CommandFailure("--network needs layer specifications such as \"dense(12),relu,dense(3),softmax\"")
      }
      settings.network = network
    }
    settings.activation = activation
    settings.outputActivation = outputActivation
    settings.loss = loss
    if let reduction {
      guard let value = Reduction(rawValue: reduction) else {
        throw CommandFailure("--reduction must be mean or sum, got '\(reduction)'")
      }
      settings.reduction = value
    }
    settings.initializer = initializer
    settings.bias = bias
    settings.optimizer = optimizer
    settings.learningRate = try resolvedLearningRate()
    settings.momentum = momentum
    guard warmup >= 0 else { throw CommandFailure("--warmup must be at least 0, got \(warmup)") }
    if schedule != nil || warmup > 0 {
      do {
        settings.schedule = try LearningRateSchedule(parsing: schedule ?? "constant", warmupSteps: warmup)
      } catch {
        throw CommandFailure("--schedule: \(error)")
      }
    }
    switch (clipNorm, clipValue) {
    case (.some, .some):
      throw CommandFailure("give --clip-norm or --clip-value, not both")
    case (.some(let limit), nil):
      settings.gradientClipping = .norm(limit)
    case (nil, .some(let limit)):
      settings.gradientClipping = .value(limit)
    case (nil, nil):
      break
    }
    settings.seed = seed
    try applyRunControl(to: &settings)
    return settings
  }

  /// Reads `--layers`: comma-separated positive widths, or an empty string for no hidden layer.
  ///
  /// - Parameter text: The flag's value, such as `12,6`.
  static func parseLayers(_ text: String) throws -> [Int] {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return [] }
    return try trimmed.split(separator: ",", omittingEmptySubsequences: false).map { piece in
      let field = piece.trimmingCharacters(in: .whitespaces)
      guard let width = Int(field), width >= 1 else {
        throw CommandFailure(
          "--layers expects comma-separated positive widths such as 12,6 (or \"\" for none), got '\(text)'")
      }
      return width
    }
  }
}
