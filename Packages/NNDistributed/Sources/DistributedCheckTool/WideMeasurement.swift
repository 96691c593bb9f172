import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining

/// The `wide` workload of the benchmarks (784-512-512-10 relu, softmax cross-entropy, SGD, global batch 256) on
/// random data, trained across the processes: the samples per second, and the share of a step spent in the
/// gradients' allreduce.
enum WideMeasurement {
  /// A process group that times its allreduces.
  final class TimedGroup: ProcessGroup {
    let base: any ProcessGroup
    var allreduceSeconds = 0.0
    init(_ base: any ProcessGroup) { self.base = base }
    var rank: Int { base.rank }
    var size: Int { base.size }
    func allreduceSum(_ values: UnsafeMutableBufferPointer<Double>) throws(DistributedError) {
      let start = DispatchTime.now().uptimeNanoseconds
      try base.allreduceSum(values)
      allreduceSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError) {
      try base.broadcast(bytes, from: root)
    }
    func barrier() throws(DistributedError) { try base.barrier() }
    func abort(status: Int32) -> Never { base.abort(status: status) }
  }

  /// Trains `steps` steps (after 3 to warm up) and returns a JSON line.
  ///
  /// - Parameters:
  ///   - steps: The timed steps.
  ///   - group: The processes.
  static func run(steps: Int, across group: any ProcessGroup) throws -> String {
    let random = RandomSource(seed: 11)
    let rows = 2048
    var features = Matrix(rows: rows, columns: 784)
    var targets = Matrix(rows: rows, columns: 10)
    for row in 0..<rows {
      for column in 0..<784 { features[row, column] = random.uniform() }
      targets[row, random.integer(below: 10)] = 1
    }
    let data = try Dataset(name: "wide", features: features, targets: targets, labels: nil, classNames: [])
    let network = try Sequential(
      inputWidth: 784,
      layers: [
        try Dense(units: 512), ActivationLayer(ReLU()), try Dense(units: 512), ActivationLayer(ReLU()),
        try Dense(units: 10),
      ],
      initializer: HeUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try SGD(learningRate: 0.01))
    var run = try TrainingRun(trainer: trainer, random: random, batchSize: 256, sampling: .replacement)
    let timed = TimedGroup(group)
    try run.fit(data, length: .iterations(3), across: timed)
    try group.barrier()
    timed.allreduceSeconds = 0
    let start = DispatchTime.now().uptimeNanoseconds
    try run.fit(data, length: .iterations(steps), across: timed)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let samples = Double(steps * 256)
    return "{\"processes\":\(group.size),\"steps\":\(steps),\"seconds\":\(seconds),"
      + "\"samples_per_second\":\(samples / seconds),\"allreduce_share\":\(timed.allreduceSeconds / seconds)}"
  }
}
