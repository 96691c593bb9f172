import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// The fit across processes with a group of one process (the multi-process tests run under mpirun in
/// Packages/NNDistributed), the trainer's gradient hand-off, and the distributed errors' messages.
@Suite("Fit across processes, in one process")
struct DistributedFitTests {
  /// A run of iris on a 4-12-3 network, fused (with biases) or layer by layer (150 units).
  private func run(units: Int = 12, optimizer: any Optimizer) throws -> (TrainingRun, Dataset) {
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 5)
    let network = try Sequential(
      inputWidth: 4,
      layers: [try Dense(units: units), ActivationLayer(Tanh()), try Dense(units: 3), ActivationLayer(Softmax())],
      initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
    return (try TrainingRun(trainer: trainer, random: random, batchSize: 10, sampling: .shuffle), iris)
  }

  @Test("a group of one process trains exactly as the plain fit", arguments: [12, 150])
  func oneProcess(units: Int) throws {
    var (plain, data) = try run(units: units, optimizer: try Momentum(learningRate: 0.05))
    var grouped = try run(units: units, optimizer: try Momentum(learningRate: 0.05)).0
    let first = try plain.fit(data, length: .epochs(3))
    let second = try grouped.fit(data, length: .epochs(3), across: Communicator.singleProcess())
    #expect(plain.trainer.network.parameters == grouped.trainer.network.parameters)
    #expect(plain.trainer.optimizerState == grouped.trainer.optimizerState)
    #expect(first.history.entries.map(\.trainingLoss) == second.history.entries.map(\.trainingLoss))
    #expect(plain.completedSteps == grouped.completedSteps)
  }

  @Test("the step hands over every gradient once; what it leaves is what the update applies", arguments: [12, 150])
  func gradientHandOff(units: Int) throws {
    var (run, data) = try run(units: units, optimizer: try SGD(learningRate: 0.1))
    var trainer = run.trainer
    let before = trainer.network.parameters
    let random = RandomSource(seed: 1)
    let rows = [3, 50, 120]
    // Zeroed gradients: no change.
    _ = try rows.withUnsafeBufferPointer { indices in
      try trainer.step(rows: indices, of: data.features, targets: data.targets, random: random) { gradients in
        for index in gradients.indices { gradients[index] = 0 }
      }
    }
    #expect(trainer.network.parameters == before)
    // Handed over unchanged: the plain step's update. The buffer holds exactly the gradients' values (and zeros).
    var reference = run.trainer
    var seen: [Double] = []
    try rows.withUnsafeBufferPointer { indices in
      try reference.step(rows: indices, of: data.features, targets: data.targets, random: random)
      try trainer.step(rows: indices, of: data.features, targets: data.targets, random: random) { gradients in
        seen = gradients.filter { $0 != 0 }
      }
    }
    #expect(trainer.network.parameters == reference.network.parameters)
    #expect(seen == trainer.parameterGradients.joined().flatMap(\.elements).filter { $0 != 0 })
    run.trainer = trainer
  }

  @Test("the errors name the processes and what differs")
  func messages() {
    let mismatch = DistributedError.mismatch([
      .init(rank: 1, what: ["the batch size"]), .init(rank: 3, what: ["the training data", "the seed"]),
    ])
    #expect(
      mismatch.description
        == "rank 1 differs from rank 0 in the batch size; rank 3 differs from rank 0 in the training data, the seed; "
        + "every process must train the same network on the same data with the same settings")
    #expect(
      DistributedError.batchTooSmall(batchSize: 2, processes: 4).description.hasPrefix(
        "the batch size 2 is smaller than the 4 processes"))
    #expect(
      DistributedError.communication(operation: "allreduce", rank: 2, message: "MPI_ERR_TRUNCATE").description
        == "rank 2: allreduce failed: MPI_ERR_TRUNCATE")
  }

  @Test("a group of one process: its sums and broadcasts leave the values as they are")
  func singleProcessGroup() throws {
    let group = Communicator.singleProcess()
    #expect(group.rank == 0 && group.size == 1)
    var values = [1.5, -2.0]
    try values.withUnsafeMutableBufferPointer { try group.allreduceSum($0) }
    #expect(values == [1.5, -2.0])
    var bytes: [UInt8] = [1, 2, 3]
    try bytes.withUnsafeMutableBytes { try group.broadcast($0, from: 0) }
    #expect(bytes == [1, 2, 3])
    try group.barrier()
  }
}
