import NNCore

/// The `digits` workload of `digits.py --impl numpy`: scikit-learn's digits split (1437 training rows, 360 test
/// rows, pixels divided by 16), a 64-128-64-10 ReLU network, softmax cross-entropy, momentum 0.9 with learning
/// rate 0.01, batch 32 (`--batch` sets another), 20 shuffled epochs.
public enum DigitsWorkload {
  /// The layer widths.
  public static let widths = [64, 128, 64, 10]
  /// The batch size.
  public static let batchSize = 32

  /// The seeded training run over the training split, computing in `elementType`.
  ///
  /// - Parameters:
  ///   - seed: The random seed.
  ///   - elementType: The network's element type.
  ///   - batchSize: The batch size.
  public static func training(
    seed: UInt64, elementType: ElementType = .float64, batchSize: Int = batchSize
  ) throws -> (training: ReLUNetworkTraining, test: (Matrix, [Int])) {
    let train = BenchmarkData.featuresAndLabels(try BenchmarkData.table(named: "digits_train.csv"), scale: 1.0 / 16)
    let test = BenchmarkData.featuresAndLabels(try BenchmarkData.table(named: "digits_test.csv"), scale: 1.0 / 16)
    let training = try ReLUNetworkTraining(
      widths: widths, features: train.features, labels: train.labels, learningRate: 0.01, momentum: 0.9,
      batchSize: batchSize, seed: seed, elementType: elementType)
    return (training, (test.features, test.labels))
  }

  /// The reference run: `options.epochs` epochs (20 by default), timed, then evaluated on both splits.
  public static func run(_ options: WorkloadOptions) throws -> JSONLine {
    let batchSize = options.positive(options.batchSize, or: batchSize)
    let (training, test) = try training(
      seed: options.seed, elementType: options.elementType, batchSize: batchSize)
    let epochs = options.positive(options.epochs, or: 20)
    let stopwatch = Stopwatch()
    let epochLosses = try training.train(epochs: epochs)
    let trainSeconds = stopwatch.wallSeconds
    let cpuSeconds = stopwatch.cpuSeconds
    let trainResult = try training.evaluate(features: training.features, labels: training.labels)
    let testResult = try training.evaluate(features: test.0, labels: test.1)
    let samples = epochs * training.features.rows
    var line = JSONLine()
    line["workload"] = .string("digits")
    line["impl"] = .string("nn")
    line["dtype"] = .string(options.elementType.rawValue)
    line["seed"] = .integer(Int(options.seed))
    line["threads"] = .integer(options.threads)
    line["epochs"] = .integer(epochs)
    line["batch"] = .integer(batchSize)
    line["lr"] = .number(0.01)
    line["momentum"] = .number(0.9)
    line["net"] = .string("64-128-64-10")
    line["n_train"] = .integer(training.features.rows)
    line["n_test"] = .integer(test.0.rows)
    line["samples"] = .integer(samples)
    line["train_s"] = .number(trainSeconds)
    line["train_cpu_s"] = .number(cpuSeconds)
    line["samples_per_s"] = .number(Double(samples) / trainSeconds)
    line["final_loss"] = .number(trainResult.loss)
    line["last_epoch_loss"] = .number(epochLosses.last ?? .nan)
    line["train_acc"] = .number(trainResult.accuracy)
    line["test_acc"] = .number(testResult.accuracy)
    line["uses_fused_kernel"] = .string(String(training.trainer.usesFusedKernel))
    line["kernels"] = RunEnvironment.kernels(of: training.trainer)
    training.fullBatchStepTimes.add(to: &line)
    return line
  }
}
