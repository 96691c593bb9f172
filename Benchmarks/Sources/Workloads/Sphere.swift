import NNCore
import NNData
import NNLayers
import NNOptim

/// The `sphere` workload of `sphere.py --impl numpy`: for each of 10 seeds, 100 points in the unit ball around
/// (1, 1, 1) labelled 1 and 100 around (−1, 2, −7) labelled 0, a 3-3-2-1 sigmoid network without biases,
/// weights from U[0, 1), summed squared error, plain SGD with learning rate 0.1, batches of 128 rows drawn with
/// replacement, until the mean loss of a block of 1000 iterations is below 0.01 (at most 200000 iterations).
public final class SphereWorkload {
  /// The 200 × 3 points.
  public let features: Matrix
  /// The 200 × 1 labels, 0 or 1.
  public let targets: Matrix
  /// The trainer. (Accessed by one thread at a time, like the sampler: the dynamic exclusivity checks of a
  /// class's stored properties, about 1% of an iris step, are left out.)
  @exclusivity(unchecked) public private(set) var trainer: Trainer
  @exclusivity(unchecked) private var sampler: BatchSampler
  private let random: RandomSource

  /// The batch size.
  public static let batchSize = 128
  /// The length of a block of iterations whose mean loss is tested.
  public static let blockLength = 1000
  /// The mean block loss below which training stops.
  public static let targetLoss = 0.01
  /// The most iterations a problem is given.
  public static let iterationCap = 200_000

  /// Draws the data and builds the seeded network, computing in `elementType` (the data converted to it).
  ///
  /// - Parameters:
  ///   - seed: The random seed.
  ///   - elementType: The network's element type.
  public init(seed: UInt64, elementType: ElementType = .float64) throws {
    random = RandomSource(seed: seed)
    let samples = try SphereData.generate(count: 100, random: random)
    var features = Matrix(rows: samples.rows, columns: 3)
    var targets = Matrix(rows: samples.rows, columns: 1)
    for row in 0..<samples.rows {
      for column in 0..<3 { features[row, column] = samples[row, column] }
      targets[row, 0] = samples[row, 3]
    }
    self.features = features.converted(to: elementType)
    self.targets = targets.converted(to: elementType)
    let network = try Sequential(
      inputWidth: 3,
      layers: [
        try Dense(units: 3, bias: false), ActivationLayer(Sigmoid()),
        try Dense(units: 2, bias: false), ActivationLayer(Sigmoid()),
        try Dense(units: 1, bias: false), ActivationLayer(Sigmoid()),
      ],
      initializer: UniformInitializer(minimum: 0, maximum: 1), random: random, elementType: elementType)
    trainer = Trainer(
      network: network, loss: MeanSquaredError(reduction: .sum), optimizer: try SGD(learningRate: 0.1))
    sampler = try BatchSampler(
      sampleCount: features.rows, batchSize: Self.batchSize, mode: .replacement, random: random)
  }

  /// One training step; returns the batch's summed loss.
  @discardableResult
  public func step() throws -> Double {
    try sampler.nextBatch { rows in try trainer.step(rows: rows, of: features, targets: targets, random: random) }
  }

  /// Trains until the stopping rule; returns the iterations used and the last block's mean loss.
  public func train() throws -> (iterations: Int, blockLoss: Double) {
    var block = [Double](repeating: 0, count: Self.blockLength)
    var iteration = 0
    while iteration < Self.iterationCap {
      block[iteration % Self.blockLength] = try step()
      iteration += 1
      if iteration % Self.blockLength == 0 && block.reduce(0, +) / Double(Self.blockLength) < Self.targetLoss {
        break
      }
    }
    return (iteration, block.reduce(0, +) / Double(Self.blockLength))
  }

  /// The reference run: `options.problems` seeds (10 by default) from `options.seed`, each trained to the
  /// stopping rule; only training is timed.
  public static func run(_ options: WorkloadOptions) throws -> JSONLine {
    let problems = options.positive(options.problems, or: 10)
    var iterationsPerSeed: [Int] = []
    var blockLosses: [Double] = []
    var fullLosses: [Double] = []
    var accuracies: [Double] = []
    var trainSeconds = 0.0
    var cpuSeconds = 0.0
    var kernels = JSONValue.null
    for seed in options.seed..<(options.seed + UInt64(problems)) {
      let workload = try SphereWorkload(seed: seed, elementType: options.elementType)
      let stopwatch = Stopwatch()
      let (iterations, blockLoss) = try workload.train()
      trainSeconds += stopwatch.wallSeconds
      cpuSeconds += stopwatch.cpuSeconds
      let (loss, outputs) = try workload.trainer.evaluate(inputs: workload.features, targets: workload.targets)
      var correct = 0
      for row in 0..<outputs.rows where (outputs[row, 0] > 0.5) == (workload.targets[row, 0] > 0.5) { correct += 1 }
      iterationsPerSeed.append(iterations)
      blockLosses.append(blockLoss)
      fullLosses.append(loss / Double(outputs.rows))
      accuracies.append(Double(correct) / Double(outputs.rows))
      kernels = RunEnvironment.kernels(of: workload.trainer)
    }
    let total = iterationsPerSeed.reduce(0, +)
    let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
    var line = JSONLine()
    line["workload"] = .string("sphere")
    line["impl"] = .string("nn")
    line["dtype"] = .string(options.elementType.rawValue)
    line["seed"] = .integer(Int(options.seed))
    line["seeds"] = .integer(problems)
    line["threads"] = .integer(options.threads)
    line["batch"] = .integer(batchSize)
    line["lr"] = .number(0.1)
    line["net"] = .string("3-3-2-1")
    line["iters_per_seed"] = .array(iterationsPerSeed.map { .integer($0) })
    line["converged"] = .integer(iterationsPerSeed.filter { $0 < iterationCap }.count)
    line["total_iters"] = .integer(total)
    line["samples"] = .integer(total * batchSize)
    line["train_s"] = .number(trainSeconds)
    line["train_cpu_s"] = .number(cpuSeconds)
    line["iters_per_s"] = .number(Double(total) / trainSeconds)
    line["samples_per_s"] = .number(Double(total * batchSize) / trainSeconds)
    line["final_loss"] = .number(mean(blockLosses))
    line["final_full_loss_per_row"] = .number(mean(fullLosses))
    line["train_acc"] = .number(mean(accuracies))
    line["kernels"] = kernels
    return line
  }
}
