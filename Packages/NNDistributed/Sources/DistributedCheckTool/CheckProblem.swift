import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining

/// The tests' problem: the seed's iris network with biases, mean squared error and momentum, batches drawn with
/// replacement from a seeded stream.
struct CheckProblem {
  /// The run.
  var run: TrainingRun
  /// The data.
  let data: Dataset

  /// The problem at `batchSize`, from fixed seeds.
  ///
  /// - Parameter batchSize: The global batch size.
  init(batchSize: Int) throws {
    data = try IrisLoader.bundled()
    let random = RandomSource(seed: 7)
    let network = try Sequential(
      inputWidth: 4,
      layers: [
        try Dense(units: 12), ActivationLayer(Sigmoid()), try Dense(units: 6), ActivationLayer(Tanh()),
        try Dense(units: 3), ActivationLayer(Sigmoid()),
      ],
      initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: MeanSquaredError(), optimizer: try Momentum(learningRate: 0.1))
    run = try TrainingRun(trainer: trainer, random: random, batchSize: batchSize, sampling: .replacement)
  }

  /// What a training ends with.
  struct Result: Codable {
    /// Every parameter, matrix after matrix.
    var parameters: [Double]
    /// Every recorded loss of the history.
    var losses: [Double]

    /// Writes the result as JSON.
    ///
    /// - Parameter path: The file.
    func write(to path: String) throws {
      try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: path))
    }
  }

  /// Trains `steps` steps across `group` (one process when `nil`), recording every step's loss.
  ///
  /// - Parameters:
  ///   - steps: The steps.
  ///   - group: The processes, if any.
  mutating func train(steps: Int, across group: (any ProcessGroup)?) throws -> Result {
    let observers: [any TrainingObserver] = []
    let options = FitOptions(blockLength: 1)
    let summary: FitSummary
    if let group {
      summary = try run.fit(data, length: .iterations(steps), options: options, observers: observers, across: group)
    } else {
      summary = try run.fit(data, length: .iterations(steps), options: options, observers: observers)
    }
    return Result(
      parameters: run.trainer.network.parameters.joined().flatMap(\.elements),
      losses: summary.history.entries.map(\.trainingLoss))
  }
}
