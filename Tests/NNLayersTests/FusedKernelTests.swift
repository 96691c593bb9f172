@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// The fused kernel for small dense networks against the layer-by-layer path: same gradients and losses to
/// round-off on random networks and batches of every size (tails of fewer than eight samples included), the
/// choice of path, training trajectories, and the random stream it relies on.
@Suite("Fused kernel")
struct FusedKernelTests {
  private let registry = TestRegistry.shared

  /// A network, a loss and one batch, trained by both paths.
  private struct Case {
    var fused: Trainer
    var generic: Trainer
    let inputs: Matrix
    let targets: Matrix
  }

  private func makeCase(
    _ layers: [String], inputWidth: Int, loss lossName: String, batch: Int, seed: UInt64,
    probabilityTargets: Bool = false, kernels: KernelTable = .selected
  ) throws -> Case {
    let random = RandomSource(seed: seed)
    let network = try Sequential(
      inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    let loss = try registry.loss(lossName)
    let optimizer = try SGD(learningRate: 0.05)
    let fused = Trainer(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: true, kernels: kernels)
    let generic = Trainer(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: false)
    let inputs = uniformMatrix(rows: batch, columns: inputWidth, random: random)
    let width = fused.lossWidth
    var targets = Matrix(rows: batch, columns: width)
    for row in 0..<batch {
      if probabilityTargets {
        var total = 0.0
        for column in 0..<width {
          targets[row, column] = random.uniform(from: 0.1, to: 1)
          total += targets[row, column]
        }
        for column in 0..<width { targets[row, column] /= total }
      } else if lossName.hasPrefix("softmax") {
        targets[row, random.integer(below: width)] = 1
      } else {
        for column in 0..<width { targets[row, column] = random.uniform(from: 0, to: 1) }
      }
    }
    return Case(fused: fused, generic: generic, inputs: inputs, targets: targets)
  }

  private func uniformMatrix(rows: Int, columns: Int, random: RandomSource) -> Matrix {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows {
      for column in 0..<columns { matrix[row, column] = random.uniform(from: -2, to: 2) }
    }
    return matrix
  }

  /// `max |a − b| / max |b|`: the error relative to the largest element (elements that are sums over the
  /// batch may cancel to almost nothing, where an elementwise relative error means nothing).
  private func relativeError(_ a: Matrix, _ b: Matrix) -> Double {
    let scale = b.maximumMagnitude()
    var largest = 0.0
    for (x, y) in zip(a.elements, b.elements) { largest = max(largest, abs(x - y)) }
    return scale == 0 ? largest : largest / scale
  }

  private func expectSameGradients(_ fused: Trainer, _ generic: Trainer, _ label: String) {
    for layer in generic.parameterGradients.indices {
      for index in generic.parameterGradients[layer].indices {
        let error = relativeError(fused.parameterGradients[layer][index], generic.parameterGradients[layer][index])
        #expect(error < 1e-12, "\(label): layer \(layer) parameter \(index) differs by \(error)")
      }
    }
  }

  /// Networks (layers, input width, loss) both paths take: hidden and output activations of every kind, with and
  /// without bias, sum and mean reductions, a lone activation stage, and widths up to the kernel's limit.
  static let networks: [([String], Int, String)] = [
    (
      ["dense(12, bias=false)", "sigmoid", "dense(6, bias=false)", "sigmoid", "dense(3, bias=false)", "sigmoid"],
      4, "mse(reduction=sum)"
    ),
    (["dense(12)", "tanh", "dense(6)", "relu", "dense(3)"], 4, "mse"),
    (["dense(9)", "relu", "dense(5)", "sigmoid", "dense(4)", "softmax"], 5, "softmax_cross_entropy"),
    (["dense(17)", "tanh", "dense(3, bias=false)", "softmax"], 3, "softmax_cross_entropy(reduction=sum)"),
    (["tanh", "dense(5)", "sigmoid", "relu", "dense(2)", "identity"], 3, "mse(reduction=sum)"),
    (["dense(64)", "relu", "dense(64)", "tanh", "dense(10)", "softmax"], 64, "softmax_cross_entropy"),
    (["dense(1)", "sigmoid"], 2, "mse"),
    (["dense(7)", "leaky_relu", "dense(6)", "elu", "dense(5)", "selu", "dense(2)", "softplus"], 3, "mse"),
    (["dense(9)", "gelu", "dense(6)", "swish", "dense(4)", "hard_sigmoid"], 5, "mse(reduction=sum)"),
    (["dense(38)", "relu", "dense(30, bias=false)", "tanh", "dense(5)"], 7, "mse"),
    (["dense(128)", "relu", "dense(64)", "relu", "dense(10)", "softmax"], 64, "softmax_cross_entropy"),
    // The last activation's derivative applied by the squared error, for each activation that hands it over.
    (["dense(6)", "sigmoid", "dense(4)", "tanh"], 3, "mse"),
    (["dense(5)", "tanh", "dense(3)", "relu"], 4, "mse(reduction=sum)"),
    (["dense(7)", "relu", "dense(2)", "sigmoid", "tanh"], 3, "mse"),
  ]

  @Test(
    "gradients and loss equal the layer-by-layer path's, on every instruction set this CPU runs",
    arguments: networks, [1, 5, 8, 9, 64, 150])
  func sameGradients(network: ([String], Int, String), batch: Int) throws {
    for kernels in KernelTable.runnable {
      try sameGradients(network: network, batch: batch, kernels: kernels)
    }
  }

  private func sameGradients(network: ([String], Int, String), batch: Int, kernels: KernelTable) throws {
    let (layers, inputWidth, loss) = network
    var example = try makeCase(
      layers, inputWidth: inputWidth, loss: loss, batch: batch, seed: UInt64(batch), kernels: kernels)
    #expect(example.fused.kernelInstructionSet == kernels.name)
    #expect(example.fused.usesFusedKernel)
    #expect(!example.generic.usesFusedKernel)
    let random = RandomSource(seed: 3)
    let fusedLoss = try example.fused.computeGradients(inputs: example.inputs, targets: example.targets, random: random)
    let genericLoss = try example.generic.computeGradients(
      inputs: example.inputs, targets: example.targets, random: random)
    #expect(abs(fusedLoss - genericLoss) <= 1e-12 * abs(genericLoss), "loss \(fusedLoss) vs \(genericLoss)")
    expectSameGradients(example.fused, example.generic, "\(layers) batch \(batch) on \(kernels.name)")
  }

  @Test(
    "instruction sets with fused multiply-adds agree to the last bit, the baseline to rounding",
    arguments: networks)
  func instructionSetsAgree(network: ([String], Int, String)) throws {
    let (layers, inputWidth, loss) = network
    var reference: (loss: Double, gradients: [[Matrix]])?
    for kernels in KernelTable.runnable {
      var example = try makeCase(layers, inputWidth: inputWidth, loss: loss, batch: 37, seed: 8, kernels: kernels)
      let value = try example.fused.computeGradients(
        inputs: example.inputs, targets: example.targets, random: RandomSource(seed: 1))
      guard let (referenceLoss, referenceGradients) = reference else {
        reference = (value, example.fused.parameterGradients)
        continue
      }
      let tolerance = kernels.roundsProducts ? 1e-13 : 0
      #expect(abs(value - referenceLoss) <= tolerance * abs(referenceLoss), "\(layers) on \(kernels.name): loss")
      for (layer, matrices) in referenceGradients.enumerated() {
        for (index, matrix) in matrices.enumerated() {
          let error = relativeError(example.fused.parameterGradients[layer][index], matrix)
          #expect(error <= tolerance, "\(layers) on \(kernels.name): layer \(layer) parameter \(index) by \(error)")
        }
      }
    }
  }

  @Test(
    "evaluation in lanes gives the layer-by-layer loss and outputs, over chunks of any length",
    arguments: networks.prefix(5),
    [1, 9, 150, FusedNetworkKernel.evaluationRows, FusedNetworkKernel.evaluationRows + 1, 600])
  func sameEvaluation(network: ([String], Int, String), rows: Int) throws {
    let (layers, inputWidth, loss) = network
    let example = try makeCase(layers, inputWidth: inputWidth, loss: loss, batch: rows, seed: UInt64(rows) + 40)
    let fused = try example.fused.evaluate(inputs: example.inputs, targets: example.targets)
    let generic = try example.generic.evaluate(inputs: example.inputs, targets: example.targets)
    #expect(abs(fused.loss - generic.loss) <= 1e-12 * abs(generic.loss), "loss \(fused.loss) vs \(generic.loss)")
    #expect(fused.outputs.rows == rows && fused.outputs.columns == generic.outputs.columns)
    let error = relativeError(fused.outputs, generic.outputs)
    #expect(error < 1e-12, "\(layers), \(rows) rows: outputs differ by \(error)")
  }

  @Test("probability targets for softmax cross-entropy")
  func probabilityTargets() throws {
    var example = try makeCase(
      ["dense(7)", "sigmoid", "dense(4)", "softmax"], inputWidth: 3, loss: "softmax_cross_entropy", batch: 13,
      seed: 5, probabilityTargets: true)
    let random = RandomSource(seed: 1)
    let fusedLoss = try example.fused.computeGradients(inputs: example.inputs, targets: example.targets, random: random)
    let genericLoss = try example.generic.computeGradients(
      inputs: example.inputs, targets: example.targets, random: random)
    #expect(abs(fusedLoss - genericLoss) <= 1e-12 * abs(genericLoss))
    expectSameGradients(example.fused, example.generic, "probability targets")
  }

  /// An activation only the user knows, with scalar forms alone (the `SIMD8` forms are the protocol's defaults).
  struct Softsign: ElementwiseActivation {
    var configuration: ComponentConfiguration { ComponentConfiguration(name: "softsign") }
    func value(_ x: Double) -> Double { x / (1 + abs(x)) }
    func derivative(input x: Double, output y: Double) -> Double { 1 / ((1 + abs(x)) * (1 + abs(x))) }
  }

  @Test("a user's own elementwise activation takes the fused path", arguments: [3, 8, 21])
  func userActivation(batch: Int) throws {
    let random = RandomSource(seed: 9)
    let layers: [any Layer] = [
      try Dense(units: 6), ActivationLayer(Softsign()), try Dense(units: 2), ActivationLayer(Softsign()),
    ]
    let network = try Sequential(
      inputWidth: 3, layers: layers, initializer: XavierUniformInitializer(), random: random)
    var fused = Trainer(network: network, loss: MeanSquaredError(), optimizer: try SGD())
    var generic = Trainer(
      network: network, loss: MeanSquaredError(), optimizer: try SGD(), allowsFusedKernel: false)
    #expect(fused.usesFusedKernel)
    let inputs = uniformMatrix(rows: batch, columns: 3, random: random)
    let targets = uniformMatrix(rows: batch, columns: 2, random: random)
    let fusedLoss = try fused.computeGradients(inputs: inputs, targets: targets, random: random)
    let genericLoss = try generic.computeGradients(inputs: inputs, targets: targets, random: random)
    #expect(abs(fusedLoss - genericLoss) <= 1e-12 * abs(genericLoss))
    expectSameGradients(fused, generic, "softsign")
  }

  @Test("the fused path is used only where it applies")
  func qualification() throws {
    func trainer(_ layers: [String], inputWidth: Int = 4, loss: String = "mse") throws -> Trainer {
      let network = try Sequential(
        inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
        initializer: XavierUniformInitializer(), random: RandomSource(seed: 1))
      return Trainer(network: network, loss: try registry.loss(loss), optimizer: try SGD())
    }
    #expect(try trainer(["dense(12)", "sigmoid", "dense(3)", "sigmoid"]).usesFusedKernel)
    #expect(try trainer(["dense(64)", "relu", "dense(3)"], inputWidth: 64).usesFusedKernel)
    #expect(try trainer(["dense(3)", "softmax"], loss: "softmax_cross_entropy").usesFusedKernel)
    #expect(try trainer(["dense(128)", "relu", "dense(3)"]).usesFusedKernel)
    #expect(try !trainer(["dense(129)", "relu", "dense(3)"]).usesFusedKernel)
    #expect(try !trainer(["dense(3)"], inputWidth: 129).usesFusedKernel)
    #expect(try !trainer(["dense(5)", "softmax", "dense(3)"]).usesFusedKernel)
    #expect(try !trainer(["dense(3)", "softmax"], loss: "mse").usesFusedKernel)
  }

  @Test("training follows the same trajectory on both paths", arguments: [64, 150, 37])
  func sameTrajectory(batch: Int) throws {
    var example = try makeCase(
      ["dense(12, bias=false)", "sigmoid", "dense(6)", "tanh", "dense(3)", "sigmoid"], inputWidth: 4,
      loss: "mse(reduction=sum)", batch: batch, seed: 11)
    let random = RandomSource(seed: 2)
    for _ in 0..<50 {
      let fusedLoss = try example.fused.step(inputs: example.inputs, targets: example.targets, random: random)
      let genericLoss = try example.generic.step(inputs: example.inputs, targets: example.targets, random: random)
      #expect(abs(fusedLoss - genericLoss) <= 1e-10 * abs(genericLoss))
    }
    for layer in example.generic.network.parameters.indices {
      for index in example.generic.network.parameters[layer].indices {
        let error = relativeError(
          example.fused.network.parameters[layer][index], example.generic.network.parameters[layer][index])
        #expect(error < 1e-10, "layer \(layer) parameter \(index)")
      }
    }
  }

  @Test("a step on gathered rows equals a step on the gathered batch", arguments: [true, false])
  func gatheredRows(fusedPath: Bool) throws {
    let random = RandomSource(seed: 4)
    let network = try Sequential(
      inputWidth: 4, layers: ["dense(8)", "sigmoid", "dense(3)", "softmax"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    let loss = SoftmaxCrossEntropy()
    var byRows = Trainer(network: network, loss: loss, optimizer: try SGD(), allowsFusedKernel: fusedPath)
    var byBatch = byRows
    let features = uniformMatrix(rows: 30, columns: 4, random: random)
    var targets = Matrix(rows: 30, columns: 3)
    for row in 0..<30 { targets[row, row % 3] = 1 }
    let rows = [29, 0, 3, 3, 17, 8, 21, 5, 11, 2, 29]
    var inputs = Matrix(rows: 0, columns: 4)
    var batchTargets = Matrix(rows: 0, columns: 3)
    let lossByRows = try rows.withUnsafeBufferPointer { indices in
      inputs.gatherRows(of: features, at: indices)
      batchTargets.gatherRows(of: targets, at: indices)
      return try byRows.step(rows: indices, of: features, targets: targets, random: random)
    }
    let lossByBatch = try byBatch.step(inputs: inputs, targets: batchTargets, random: random)
    #expect(lossByRows == lossByBatch)
    #expect(byRows.network.parameters == byBatch.network.parameters)
  }

  @Test("a copied trainer has its own work buffers")
  func copiedTrainer() throws {
    var example = try makeCase(["dense(5)", "tanh", "dense(2)"], inputWidth: 3, loss: "mse", batch: 10, seed: 8)
    let random = RandomSource(seed: 1)
    var copy = example.fused
    let first = try example.fused.step(inputs: example.inputs, targets: example.targets, random: random)
    let second = try copy.step(inputs: example.inputs, targets: example.targets, random: random)
    #expect(first == second)
    #expect(example.fused.network.parameters == copy.network.parameters)
  }

  @Test("raw draws read GSL's generator in place: the stream is GSL's")
  func randomStream() {
    let gsl = RandomSource(seed: 42)
    let direct = RandomSource(seed: 42)
    var mismatches = 0
    for _ in 0..<2000 where Double(direct.nextUInt32()) != gsl.uniform() * 4_294_967_296 { mismatches += 1 }
    #expect(mismatches == 0)
    // fill(_:below:) is the unbiased reduction of those raw draws, exactly as integer(below:) defines it.
    let reference = RandomSource(seed: 7)
    let bulk = RandomSource(seed: 7)
    let bound = UInt64(150)
    let threshold = UInt32((UInt64(1) << 32) % bound)
    var expected: [Int] = []
    for _ in 0..<1500 {
      var product = UInt64(reference.uniform() * 4_294_967_296) * bound
      while UInt32(truncatingIfNeeded: product) < threshold {
        product = UInt64(reference.uniform() * 4_294_967_296) * bound
      }
      expected.append(Int(product >> 32))
    }
    var drawn = [Int](repeating: -1, count: 1500)
    drawn.withUnsafeMutableBufferPointer { bulk.fill($0, below: 150) }
    #expect(drawn == expected)
    #expect(bulk.uniform() == reference.uniform())
  }
}

/// The step on one sample (vectorised over units) against the lane kernels: a batch of the same row twice, summed,
/// is exactly twice the batch of one (each lane computes the row as the single-sample path does, and `x + x` is
/// exact), on every instruction set this CPU runs, on the trainer's flat buffers (whose room past every matrix lets
/// narrow rows run on whole vectors) and on the network's own matrices.
@Suite("Fused kernel on one sample")
struct FusedSingleSampleTests {
  @Test(
    "a batch of one row, doubled, is the lane kernels' batch of that row twice", arguments: FusedKernelTests.networks)
  func doubledBatch(network: ([String], Int, String)) throws {
    let lossName = network.2
    let sumLoss = lossName.hasPrefix("softmax") ? "softmax_cross_entropy(reduction=sum)" : "mse(reduction=sum)"
    for kernels in KernelTable.runnable {
      for flat in [true, false] {
        try doubledBatch(network: network, sumLoss: sumLoss, kernels: kernels, flatBuffers: flat)
      }
    }
  }

  private func doubledBatch(
    network: ([String], Int, String), sumLoss: String, kernels: KernelTable, flatBuffers: Bool
  ) throws {
    let (layers, inputWidth, _) = network
    let random = RandomSource(seed: 21)
    let registry = TestRegistry.shared
    let model = try Sequential(
      inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    let optimizer: any Optimizer = flatBuffers ? try SGD() : PerMatrixOptimizer(base: try SGD())
    var trainer = Trainer(
      network: model, loss: try registry.loss(sumLoss), optimizer: optimizer, allowsFusedKernel: true,
      kernels: kernels)
    #expect(trainer.usesFusedKernel)
    // Activations whose passes run in Swift keep a batch of one in lanes.
    let swiftActivations = ["elu", "selu", "softplus", "gelu", "hard_sigmoid"]
    #expect(trainer.usesSingleSamplePath == !layers.contains { swiftActivations.contains($0) }, "\(layers)")
    var inputs = Matrix(rows: 3, columns: inputWidth)
    for column in 0..<inputWidth { inputs[1, column] = random.uniform(from: -2, to: 2) }
    var targets = Matrix(rows: 3, columns: trainer.lossWidth)
    targets[1, random.integer(below: trainer.lossWidth)] = 1
    let one = try [1].withUnsafeBufferPointer {
      try trainer.computeGradients(rows: $0, of: inputs, targets: targets, random: random)
    }
    let single = trainer.parameterGradients
    let two = try [1, 1].withUnsafeBufferPointer {
      try trainer.computeGradients(rows: $0, of: inputs, targets: targets, random: random)
    }
    let label = "\(layers) on \(kernels.name), flat buffers \(flatBuffers)"
    #expect(two == 2 * one, "\(label): loss \(two) against 2 × \(one)")
    for (layer, matrices) in single.enumerated() {
      for (index, matrix) in matrices.enumerated() {
        let doubled = trainer.parameterGradients[layer][index]
        #expect(
          zip(doubled.elements, matrix.elements).allSatisfy { $0 == 2 * $1 },
          "\(label): layer \(layer) parameter \(index)")
      }
    }
  }
}
