import NNCore

/// The `wide` workload of `wide.py --impl numpy` (GEMM-bound): 8192 × 784 standard-normal features and labels
/// uniform in 0..<10 (drawn from a ``RandomSource`` seeded with 12345, independent of the seed), a
/// 784-512-512-10 ReLU network, softmax cross-entropy, plain SGD with learning rate 0.01, batch 256, 5 shuffled
/// epochs.
public enum WideWorkload {
  /// The layer widths.
  public static let widths = [784, 512, 512, 10]
  /// The batch size.
  public static let batchSize = 256
  /// The number of rows.
  public static let rowCount = 8192

  /// Floating-point operations of the products per sample, 2 per multiply-add: forward and weight gradient
  /// for every layer, input gradient for every layer but the first (as `wide.py`'s `gflops_gemm`).
  public static var productFlopsPerSample: Int {
    let multiplyAdds = zip(widths, widths.dropFirst()).map { $0 * $1 }
    return 2 * multiplyAdds.reduce(0, +) * 2 + 2 * multiplyAdds.dropFirst().reduce(0, +)
  }

  /// `6 P` per sample, P the parameter count with biases (as `wide.py`'s `gflops_6p`).
  public static var sixParameterFlopsPerSample: Int {
    6 * zip(widths, widths.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
  }

  /// The seeded training run over the synthetic data.
  public static func training(seed: UInt64, elementType: ElementType = .float64) throws -> ReLUNetworkTraining {
    let dataRandom = RandomSource(seed: 12345)
    var features = Matrix(rows: rowCount, columns: widths[0])
    features.withUnsafeMutableBufferPointer { buffer in
      for index in buffer.indices { buffer[index] = dataRandom.normal() }
    }
    let labels = (0..<rowCount).map { _ in dataRandom.integer(below: 10) }
    return try ReLUNetworkTraining(
      widths: widths, features: features, labels: labels, learningRate: 0.01, momentum: 0, batchSize: batchSize,
      seed: seed, elementType: elementType)
  }

  /// The reference run: `options.epochs` epochs (5 by default), timed, then evaluated on all rows.
  public static func run(_ options: WorkloadOptions) throws -> JSONLine {
    let training = try training(seed: options.seed, elementType: options.elementType)
    let epochs = options.positive(options.epochs, or: 5)
    let stopwatch = Stopwatch()
    let epochLosses = try training.train(epochs: epochs)
    let trainSeconds = stopwatch.wallSeconds
    let cpuSeconds = stopwatch.cpuSeconds
    let result = try training.evaluate(features: training.features, labels: training.labels)
    let samples = epochs * rowCount
    var line = JSONLine()
    line["workload"] = .string("wide")
    line["impl"] = .string("nn")
    line["dtype"] = .string(options.elementType.rawValue)
    line["seed"] = .integer(Int(options.seed))
    line["threads"] = .integer(options.threads)
    line["n"] = .integer(rowCount)
    line["epochs"] = .integer(epochs)
    line["batch"] = .integer(batchSize)
    line["lr"] = .number(0.01)
    line["momentum"] = .number(0)
    line["net"] = .string("784-512-512-10")
    line["samples"] = .integer(samples)
    line["train_s"] = .number(trainSeconds)
    line["train_cpu_s"] = .number(cpuSeconds)
    line["samples_per_s"] = .number(Double(samples) / trainSeconds)
    line["gflops_6p"] = .number(Double(sixParameterFlopsPerSample * samples) / trainSeconds / 1e9)
    line["gflops_gemm"] = .number(Double(productFlopsPerSample * samples) / trainSeconds / 1e9)
    line["flops_per_sample_6p"] = .integer(sixParameterFlopsPerSample)
    line["flops_per_sample_gemm"] = .integer(productFlopsPerSample)
    line["final_loss"] = .number(result.loss)
    line["last_epoch_loss"] = .number(epochLosses.last ?? .nan)
    line["train_acc"] = .number(result.accuracy)
    line["kernels"] = RunEnvironment.kernels(of: training.trainer)
    training.fullBatchStepTimes.add(to: &line)
    return line
  }
}
