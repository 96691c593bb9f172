@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// The update a batch's two parts apply as they finish (`FusedPassUpdate`): the stages' pieces cover the store's
/// runs, and the parameters, slots, gradients and loss are those of the passes followed by one update of the whole
/// store, to the bit. The parts run on the process's threads when the team shares them, else one after the other on
/// the test's thread (then part 1 updates every stage): the same numbers either way.
@Suite("Fused kernel: the update during a step's parts")
struct FusedPassUpdateTests {
  private let registry = TestRegistry.shared

  /// Networks (layers, input width): a digits-shaped one, one whose first stage is a lone activation (the next
  /// stage's input gradient reads its weights after its sums), and one without biases and with a linear last layer.
  static let networks: [([String], Int)] = [
    (["dense(128)", "relu", "dense(64)", "relu", "dense(10)", "softmax"], 64),
    (["tanh", "dense(24)", "sigmoid", "dense(9)", "softmax"], 7),
    (["dense(20, bias=false)", "tanh", "dense(16, bias=false)", "relu", "dense(10)", "softmax"], 12),
  ]

  static let optimizers = [
    "momentum(learning_rate=0.05, momentum=0.9, nesterov=true, weight_decay=0.001)",
    "adamw(learning_rate=0.01, weight_decay=0.01)",
    "sgd(learning_rate=0.1, weight_decay=0.001)",
  ]

  /// A network of `description` in `elementType`, a data set of 300 rows for it, and its loss.
  private func setUp(
    _ description: ([String], Int), elementType: ElementType
  ) throws -> (network: Sequential, inputs: Matrix, targets: Matrix, loss: any Loss) {
    let (layers, inputWidth) = description
    let random = RandomSource(seed: 21)
    let network = try Sequential(
      inputWidth: inputWidth, layers: layers.map { try registry.layer($0) }, initializer: XavierUniformInitializer(),
      random: random, elementType: elementType)
    let inputs = Matrix.random(rows: 300, columns: inputWidth, in: random, minimum: -2, maximum: 2)
    var targets = Matrix(rows: 300, columns: network.widths[network.widths.count - 1])
    for row in 0..<targets.rows { targets[row, random.integer(below: targets.columns)] = 1 }
    return (network, inputs.converted(to: elementType), targets.converted(to: elementType), SoftmaxCrossEntropy())
  }

  /// A kernel for `network` working on a store of its own, with the parameters of `network`.
  private func kernel(
    _ network: Sequential, loss: any Loss, optimizer: any ElementwiseOptimizer
  ) throws -> (FusedNetworkKernel, FlatParameterStore) {
    let trainedLayerCount = Trainer(network: network, loss: loss, optimizer: optimizer).trainedLayerCount
    let kernel = try #require(FusedNetworkKernel(network: network, loss: loss, trainedLayerCount: trainedLayerCount))
    let store = FlatParameterStore(shapedLike: network.parameters, optimizer: optimizer)
    store.load(parameters: network.parameters)
    kernel.adopt(store)
    return (kernel, store)
  }

  @Test("the stages' pieces cover the store's runs in order, each dense stage's from its first matrix on")
  func piecesCoverTheRuns() throws {
    for description in Self.networks {
      let (network, _, _, loss) = try setUp(description, elementType: .float64)
      let (kernel, store) = try self.kernel(network, loss: loss, optimizer: try SGD())
      let pieces = try #require(kernel.passUpdate).pieces
      let plan = kernel.blueprint.plan
      #expect(pieces.count == plan.count)
      var next = 0
      for (stage, piece) in pieces.enumerated() {
        guard plan[stage].dense != nil else {
          #expect(piece.isEmpty, "\(description.0): stage \(stage) has no parameters")
          continue
        }
        #expect(piece.lowerBound == next, "\(description.0): stage \(stage) starts where the last ended")
        for entry in store.entries where entry.layer == plan[stage].layer {
          #expect(piece.contains(entry.offset) && piece.upperBound >= entry.offset + entry.rows * entry.columns)
        }
        next = piece.upperBound
      }
      #expect(next == store.count)
    }
  }

  @Test(
    "parts that update as they finish leave the parameters, slots and gradients of one update after the passes",
    arguments: networks, optimizers)
  func updateMatchesUpdateAfterThePasses(network description: ([String], Int), optimizer name: String) throws {
    let optimizer = try #require(try registry.optimizer(name) as? any ElementwiseOptimizer)
    for elementType in [ElementType.float64, .float32] {
      let (network, inputs, targets, loss) = try setUp(description, elementType: elementType)
      let (during, duringStore) = try kernel(network, loss: loss, optimizer: optimizer)
      let (after, afterStore) = try kernel(network, loss: loss, optimizer: optimizer)
      var (parameters, gradients) = (network.parameters, network.parameters)
      let label = "\(description.0) \(name) \(elementType.rawValue)"
      for step in 0..<3 {
        let rows = (0..<150).map { (step * 11 + $0 * 7) % 300 }
        let rate = 0.05 / Double(step + 1)
        let (duringLoss, afterLoss) = rows.withUnsafeBufferPointer { rows in
          let duringLoss = during.partPasses(
            inputs: inputs, targets: targets, rows: rows.count, rowIndices: rows.baseAddress, parts: 2, shared: true,
            parameters: &parameters, gradients: &gradients, updateRate: rate)
          #expect(duringStore.updatedDuringPasses, "\(label) step \(step)")
          duringStore.update(learningRate: rate, clipping: nil)
          let afterLoss = after.partPasses(
            inputs: inputs, targets: targets, rows: rows.count, rowIndices: rows.baseAddress, parts: 2, shared: true,
            parameters: &parameters, gradients: &gradients)
          #expect(!afterStore.updatedDuringPasses)
          afterStore.update(learningRate: rate, clipping: nil)
          return (duringLoss, afterLoss)
        }
        #expect(duringLoss.bitPattern == afterLoss.bitPattern, "\(label) step \(step)")
        #expect(duringStore.parameterMatrices() == afterStore.parameterMatrices(), "\(label) step \(step)")
        #expect(duringStore.gradientMatrices() == afterStore.gradientMatrices(), "\(label) step \(step)")
        let (duringStates, afterStates) = (duringStore.states(), afterStore.states())
        #expect(duringStates.map { $0.map(\.step) } == afterStates.map { $0.map(\.step) }, "\(label)")
        #expect(duringStates.map { $0.map(\.slots) } == afterStates.map { $0.map(\.slots) }, "\(label) step \(step)")
      }
    }
  }

  @Test(
    "a trainer's steps give what steps whose gradients pass through a closure give, in both element types",
    arguments: [ElementType.float64, .float32])
  func trainerStepsMatch(elementType: ElementType) throws {
    let (network, inputs, targets, loss) = try setUp(Self.networks[0], elementType: elementType)
    let optimizer = try Momentum(learningRate: 0.05, momentum: 0.9)
    var stepping = Trainer(network: network, loss: loss, optimizer: optimizer)
    var combining = Trainer(network: network, loss: loss, optimizer: optimizer)
    for step in 0..<4 {
      // 256 rows: in two parts whenever the process has two threads.
      let rows = (0..<256).map { (step * 13 + $0 * 7) % 300 }
      try rows.withUnsafeBufferPointer { rows in
        let first = try stepping.step(rows: rows, of: inputs, targets: targets, random: RandomSource(seed: 1))
        let second = try combining.step(
          rows: rows, of: inputs, targets: targets, random: RandomSource(seed: 1), combiningGradients: { _ in })
        #expect(first.bitPattern == second.bitPattern, "\(elementType.rawValue) step \(step)")
      }
      #expect(stepping.network.parameters == combining.network.parameters, "\(elementType.rawValue) step \(step)")
      #expect(stepping.parameterGradients == combining.parameterGradients, "\(elementType.rawValue) step \(step)")
      #expect(
        stepping.optimizerState.map { $0.map(\.slots) } == combining.optimizerState.map { $0.map(\.slots) },
        "\(elementType.rawValue) step \(step)")
    }
  }
}
