import NNCore
import NNLayers
import Testing

/// The sequential network and its trainer: gradients end to end, a hand-computed step, convergence,
/// reproducibility and shape errors.
@Suite("Sequential network and trainer")
struct NetworkTests {
  private let registry = TestRegistry.shared

  private func network(_ specifications: [String], inputWidth: Int, seed: UInt64) throws -> Sequential {
    try Sequential(
      inputWidth: inputWidth, layers: specifications.map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: RandomSource(seed: seed))
  }

  @Test(
    "whole-network gradients match finite differences",
    arguments: [
      (["dense(5)", "tanh", "dense(4)", "sigmoid", "dense(3)", "softmax"], "softmax_cross_entropy", 7),
      (["dense(5)", "relu", "dense(4, bias=false)", "sigmoid", "dense(3)", "sigmoid"], "mse(reduction=sum)", 9),
      (["dense(3)", "sigmoid", "dense(2)", "sigmoid", "dense(1)", "sigmoid"], "mse", 8),
      (["dense(3)", "softmax"], "softmax_cross_entropy(reduction=sum)", 1),
    ])
  func endToEndGradients(layers: [String], lossName: String, batch: Int) throws {
    let random = RandomSource(seed: 21)
    var network = try network(layers, inputWidth: 3, seed: 4)
    let loss = try registry.loss(lossName)
    let optimizer = try registry.optimizer("sgd")
    var trainer = Trainer(network: network, loss: loss, optimizer: optimizer)
    let inputs = Matrix.random(rows: batch, columns: 3, in: random)
    let classes = network.outputWidth
    let targets =
      classes == 1
      ? Matrix(rows: batch, columns: 1, elements: (0..<batch).map { Double($0 % 2) })
      : Matrix.oneHotRows((0..<batch).map { $0 % classes }, classes: classes)
    _ = try trainer.computeGradients(inputs: inputs, targets: targets, random: random)
    let trained = trainer.trainedLayerCount
    for layer in network.parameters.indices {
      for index in network.parameters[layer].indices {
        let expected = FiniteDifference.gradient(at: network.parameters[layer][index]) { value in
          network.setParameter(value, layer: layer, index: index)
          let outputs = try! network.predict(inputs, layerCount: trained)
          return loss.value(predictions: outputs, targets: targets)
        }
        network = trainer.network
        let error = FiniteDifference.maximumRelativeError(trainer.parameterGradients[layer][index], expected)
        #expect(error < 1e-6, "layer \(layer) parameter \(index)")
      }
    }
  }

  @Test("a softmax output is fused into softmax_cross_entropy, and only then")
  func fusedSoftmax() throws {
    let network = try network(["dense(3)", "softmax"], inputWidth: 2, seed: 1)
    let optimizer = try registry.optimizer("sgd")
    #expect(Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: optimizer).trainedLayerCount == 1)
    #expect(Trainer(network: network, loss: MeanSquaredError(), optimizer: optimizer).trainedLayerCount == 2)
  }

  @Test("one SGD step on a one-weight network, by hand")
  func handComputedStep() throws {
    // y = w·x + b with w = 0.5, b = 0; x = [1, 2], t = [1, 3]; summed squared error.
    // Predictions [0.5, 1.0], errors [−0.5, −2], L = 0.25 + 4 = 4.25.
    // ∂L/∂w = Σ 2·error·x = 2·(−0.5·1 − 2·2) = −9;  ∂L/∂b = Σ 2·error = 2·(−2.5) = −5.
    // SGD with η = 0.1: w = 0.5 + 0.9 = 1.4, b = 0 + 0.5 = 0.5.
    let network = try Sequential(
      inputWidth: 1, layers: [try Dense(units: 1)], parameters: [[Matrix([[0.5]]), Matrix([[0]])]])
    var trainer = Trainer(
      network: network, loss: MeanSquaredError(reduction: .sum), optimizer: try registry.optimizer("sgd(0.1)"))
    let value = try trainer.step(
      inputs: Matrix([[1], [2]]), targets: Matrix([[1], [3]]), random: RandomSource(seed: 1))
    #expect(value == 4.25)
    #expect(trainer.parameterGradients[0][0][0, 0] == -9)
    #expect(trainer.parameterGradients[0][1][0, 0] == -5)
    #expect(abs(trainer.network.parameters[0][0][0, 0] - 1.4) < 1e-15)
    #expect(abs(trainer.network.parameters[0][1][0, 0] - 0.5) < 1e-15)
  }

  @Test("XOR is learnt by a 2-8-1 tanh network, whatever the seed", arguments: [1, 2, 3, 4, 5] as [UInt64])
  func xorConverges(seed: UInt64) throws {
    let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
    let targets = Matrix([[0], [1], [1], [0]])
    let network = try network(["dense(8)", "tanh", "dense(1)", "sigmoid"], inputWidth: 2, seed: seed)
    var trainer = Trainer(
      network: network, loss: MeanSquaredError(), optimizer: try registry.optimizer("momentum(learning_rate=0.5)"))
    let random = RandomSource(seed: seed)
    for _ in 0..<2000 { try trainer.step(inputs: inputs, targets: targets, random: random) }
    let (loss, outputs) = try trainer.evaluate(inputs: inputs, targets: targets)
    #expect(loss < 0.01)
    #expect(Accuracy.predictedClasses(outputs) == [0, 1, 1, 0])
  }

  @Test("the same seed gives the same parameters bit for bit; another seed does not")
  func reproducible() throws {
    func train(seed: UInt64) throws -> [[Matrix]] {
      let random = RandomSource(seed: seed)
      let network = try Sequential(
        inputWidth: 3, layers: [try Dense(units: 4), ActivationLayer(Sigmoid()), try Dense(units: 2)],
        initializer: NormalInitializer(), random: random)
      var trainer = Trainer(
        network: network, loss: SoftmaxCrossEntropy(), optimizer: try registry.optimizer("momentum"))
      for _ in 0..<50 {
        let inputs = Matrix.random(rows: 5, columns: 3, in: random)
        let targets = Matrix.oneHotRows((0..<5).map { _ in random.integer(below: 2) }, classes: 2)
        try trainer.step(inputs: inputs, targets: targets, random: random)
      }
      return trainer.network.parameters
    }
    #expect(try train(seed: 7) == train(seed: 7))
    #expect(try train(seed: 7) != train(seed: 8))
  }

  @Test("shape errors are reported, not trapped")
  func shapeErrors() throws {
    let network = try network(["dense(3)", "sigmoid"], inputWidth: 2, seed: 1)
    var trainer = Trainer(network: network, loss: MeanSquaredError(), optimizer: try registry.optimizer("sgd"))
    let random = RandomSource(seed: 1)
    #expect(throws: NetworkError.widthMismatch(what: "inputs", expected: 2, found: 3)) {
      try trainer.step(inputs: Matrix(rows: 4, columns: 3), targets: Matrix(rows: 4, columns: 3), random: random)
    }
    #expect(throws: NetworkError.widthMismatch(what: "targets", expected: 3, found: 2)) {
      try trainer.step(inputs: Matrix(rows: 4, columns: 2), targets: Matrix(rows: 4, columns: 2), random: random)
    }
    // Four input rows and three target rows: the rows are named, not the columns.
    let rows = #expect(throws: NetworkError.rowMismatch(inputs: 4, targets: 3)) {
      try trainer.step(inputs: Matrix(rows: 4, columns: 2), targets: Matrix(rows: 3, columns: 3), random: random)
    }
    #expect(
      rows.map { "\($0)" } == "the inputs have 4 rows but the targets 3; give one row of targets per row of inputs")
    #expect(throws: NetworkError.emptyBatch) {
      try trainer.step(inputs: Matrix(rows: 0, columns: 2), targets: Matrix(rows: 0, columns: 3), random: random)
    }
    #expect(throws: NetworkError.self) {
      try Sequential(inputWidth: 2, layers: [try Dense(units: 2)], parameters: [[Matrix(rows: 3, columns: 2)]])
    }
    #expect(throws: NetworkError.invalidInputWidth(0)) {
      try Sequential(inputWidth: 0, layers: [], initializer: ZerosInitializer(), random: random)
    }
  }

  @Test("batches of changing size reuse the buffers and give the same gradients as a fresh trainer")
  func changingBatchSizes() throws {
    let network = try network(["dense(4)", "sigmoid", "dense(2)"], inputWidth: 3, seed: 2)
    let optimizer = try registry.optimizer("sgd")
    var reused = Trainer(network: network, loss: MeanSquaredError(), optimizer: optimizer)
    let random = RandomSource(seed: 3)
    for rows in [8, 3, 8, 1] {
      let inputs = Matrix.random(rows: rows, columns: 3, in: random)
      let targets = Matrix.random(rows: rows, columns: 2, in: random)
      var fresh = Trainer(network: network, loss: MeanSquaredError(), optimizer: optimizer)
      let expected = try fresh.computeGradients(inputs: inputs, targets: targets, random: random)
      #expect(try reused.computeGradients(inputs: inputs, targets: targets, random: random) == expected)
      #expect(reused.parameterGradients == fresh.parameterGradients)
    }
  }
}
