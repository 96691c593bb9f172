import NNCore
import NNData
import NNLayers
import NNOptim

/// The `iris` workload of `iris.py --impl numpy`: a 4-12-6-3 sigmoid network without biases, weights from
/// U[0, 1), summed squared error on one-hot labels, plain SGD with learning rate 0.01, batches of 64 rows drawn
/// with replacement, 20000 iterations; raw (unscaled) features.
public final class IrisWorkload {
  /// The training rows, 150 × 4.
  public let features: Matrix
  /// One-hot targets, 150 × 3.
  public let targets: Matrix
  /// Class indices.
  public let labels: [Int]
  /// The trainer. (Accessed by one thread at a time, like the sampler: the dynamic exclusivity checks of a
  /// class's stored properties, about 1% of an iris step, are left out.)
  @exclusivity(unchecked) public private(set) var trainer: Trainer
  @exclusivity(unchecked) private var sampler: BatchSampler
  private let random: RandomSource

  /// The batch size.
  public static let batchSize = 64

  /// Reads the data and builds the seeded network, computing in `elementType` (the data converted to it).
  ///
  /// - Parameters:
  ///   - seed: The random seed.
  ///   - elementType: The network's element type.
  public init(seed: UInt64, elementType: ElementType = .float64) throws {
    let table = try BenchmarkData.table(named: "iris.csv")
    let (features, labels) = BenchmarkData.featuresAndLabels(table)
    self.features = features.converted(to: elementType)
    self.labels = labels
    targets = BenchmarkData.oneHot(labels, classCount: 3).converted(to: elementType)
    random = RandomSource(seed: seed)
    let network = try Sequential(
      inputWidth: 4,
      layers: [
        try Dense(units: 12, bias: false), ActivationLayer(Sigmoid()),
        try Dense(units: 6, bias: false), ActivationLayer(Sigmoid()),
        try Dense(units: 3, bias: false), ActivationLayer(Sigmoid()),
      ],
      initializer: UniformInitializer(minimum: 0, maximum: 1), random: random, elementType: elementType)
    trainer = Trainer(
      network: network, loss: MeanSquaredError(reduction: .sum), optimizer: try SGD(learningRate: 0.01))
    sampler = try BatchSampler(
      sampleCount: features.rows, batchSize: Self.batchSize, mode: .replacement, random: random)
  }

  /// One training step; returns the batch's summed loss.
  @discardableResult
  public func step() throws -> Double {
    try sampler.nextBatch { rows in try trainer.step(rows: rows, of: features, targets: targets, random: random) }
  }

  /// One training step that appends the batch's row indices to `record`; returns the batch's summed loss.
  @discardableResult
  public func step(recordingRowsInto record: inout [[Int]]) throws -> Double {
    try sampler.nextBatch { rows in
      record.append(Array(rows))
      return try trainer.step(rows: rows, of: features, targets: targets, random: random)
    }
  }

  /// The reference run: `options.iterations` steps (20000 by default), timed, then evaluated on all rows.
  public static func run(_ options: WorkloadOptions) throws -> JSONLine {
    let workload = try IrisWorkload(seed: options.seed, elementType: options.elementType)
    let iterations = options.positive(options.iterations, or: 20000)
    var losses = [Double](repeating: 0, count: iterations)
    let stopwatch = Stopwatch()
    for iteration in 0..<iterations { losses[iteration] = try workload.step() }
    let trainSeconds = stopwatch.wallSeconds
    let cpuSeconds = stopwatch.cpuSeconds
    let (loss, outputs) = try workload.trainer.evaluate(inputs: workload.features, targets: workload.targets)
    let samples = iterations * batchSize
    var line = JSONLine()
    line["workload"] = .string("iris")
    line["impl"] = .string("nn")
    line["dtype"] = .string(options.elementType.rawValue)
    line["seed"] = .integer(Int(options.seed))
    line["threads"] = .integer(options.threads)
    line["iters"] = .integer(iterations)
    line["batch"] = .integer(batchSize)
    line["lr"] = .number(0.01)
    line["net"] = .string("4-12-6-3")
    line["samples"] = .integer(samples)
    line["train_s"] = .number(trainSeconds)
    line["train_cpu_s"] = .number(cpuSeconds)
    line["samples_per_s"] = .number(Double(samples) / trainSeconds)
    line["final_loss"] = .number(loss / Double(workload.features.rows))
    let tail = losses.suffix(1000)
    line["batch_loss_last1000"] = .number(tail.reduce(0, +) / Double(max(tail.count, 1)))
    line["train_acc"] = .number(Accuracy.of(outputs, labels: workload.labels))
    line["uses_fused_kernel"] = .string(String(workload.trainer.usesFusedKernel))
    line["kernels"] = RunEnvironment.kernels(of: workload.trainer)
    return line
  }
}
