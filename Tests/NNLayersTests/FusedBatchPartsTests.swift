@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// A batch cut into parts for threads (`FusedBatchParts`): the parts give the one-thread step's gradients to the bit
/// and the layer-by-layer path's loss to round-off, and the number of parts follows the rule. The parts run on the process's threads when it has several processors, else one after the other on the
/// test's thread: the same numbers either way.
@Suite("Fused kernel: a batch in parts")
struct FusedBatchPartsTests {
  private let registry = TestRegistry.shared

  /// `max |a − b| / max |b|`, in `Double`.
  private func relativeError(_ a: Matrix, _ b: Matrix) -> Double {
    let (a, b) = (a.converted(to: .float64), b.converted(to: .float64))
    let scale = b.maximumMagnitude()
    var largest = 0.0
    for (x, y) in zip(a.elements, b.elements) { largest = max(largest, abs(x - y)) }
    return scale == 0 ? largest : largest / scale
  }

  /// Networks (layers, input width, loss): both reductions of both losses, the loss applying the last activation's
  /// derivative, a lone activation stage, narrow and wide layers.
  static let networks: [([String], Int, String)] = [
    (["dense(12)", "sigmoid", "dense(6)", "sigmoid", "dense(3)", "sigmoid"], 4, "mse"),
    (["dense(17)", "tanh", "dense(3, bias=false)", "softmax"], 3, "softmax_cross_entropy(reduction=sum)"),
    (["tanh", "dense(5)", "sigmoid", "relu", "dense(2)"], 3, "mse(reduction=sum)"),
    (["dense(128)", "relu", "dense(64)", "relu", "dense(10)", "softmax"], 64, "softmax_cross_entropy"),
  ]

  @Test(
    "two parts give the one-thread gradients to the bit and the layer-by-layer loss, on consecutive and gathered rows",
    arguments: networks, [32, 37, 150, 256])
  func partsMatchLayerByLayer(network: ([String], Int, String), batch: Int) throws {
    for elementType in [ElementType.float64, .float32] {
      for gathered in [false, true] {
        try check(network: network, batch: batch, elementType: elementType, gathered: gathered)
      }
    }
  }

  private func check(
    network description: ([String], Int, String), batch: Int, elementType: ElementType, gathered: Bool
  ) throws {
    let (layers, inputWidth, lossName) = description
    let random = RandomSource(seed: UInt64(batch))
    let network = try Sequential(
      inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    let loss = try registry.loss(lossName)
    // Twice the batch's rows, of which the gathered batch takes every other one, backwards.
    var inputs = Matrix(rows: 2 * batch, columns: inputWidth)
    for row in 0..<inputs.rows {
      for column in 0..<inputWidth { inputs[row, column] = random.uniform(from: -2, to: 2) }
    }
    var generic = Trainer(network: network, loss: loss, optimizer: try SGD(learningRate: 0.1), allowsFusedKernel: false)
    var targets = Matrix(rows: inputs.rows, columns: generic.lossWidth)
    for row in 0..<targets.rows {
      if lossName.hasPrefix("softmax") {
        targets[row, random.integer(below: targets.columns)] = 1
      } else {
        for column in 0..<targets.columns { targets[row, column] = random.uniform(from: 0, to: 1) }
      }
    }
    let rows = gathered ? (0..<batch).map { 2 * batch - 1 - 2 * $0 } : Array(0..<batch)
    var batchInputs = Matrix(rows: batch, columns: inputs.columns)
    var batchTargets = Matrix(rows: batch, columns: targets.columns)
    rows.withUnsafeBufferPointer {
      batchInputs.gatherRows(of: inputs, at: $0)
      batchTargets.gatherRows(of: targets, at: $0)
    }
    let expectedLoss = try generic.computeGradients(inputs: batchInputs, targets: batchTargets, random: random)

    let typed = network.converted(to: elementType)
    var parameters = typed.parameters
    // Every instruction set this CPU runs: each has its own copy of the parts' sums.
    for kernels in KernelTable.runnable {
      let kernel = try #require(
        FusedNetworkKernel(
          network: typed, loss: loss, trainedLayerCount: generic.trainedLayerCount, kernels: kernels))
      compare(
        kernel: kernel,
        label: "\(layers) batch \(batch) \(elementType.rawValue)\(gathered ? " gathered" : "") \(kernels.name)",
        parameters: &parameters, elementType: elementType, rows: rows, inputs: inputs, targets: targets,
        batchInputs: batchInputs, batchTargets: batchTargets, gathered: gathered,
        expected: (expectedLoss, generic.parameterGradients))
    }
  }

  /// The parts' gradients and loss against the one-thread step's and the layer-by-layer path's.
  private func compare(
    kernel: FusedNetworkKernel, label: String, parameters: inout [[Matrix]], elementType: ElementType, rows: [Int],
    inputs: Matrix, targets: Matrix, batchInputs: Matrix, batchTargets: Matrix, gathered: Bool,
    expected: (loss: Double, gradients: [[Matrix]])
  ) {
    let batch = rows.count
    let (expectedLoss, expectedGradients) = expected
    /// Gradient matrices filled with NaN, which every gradient element must overwrite.
    func unwritten() -> [[Matrix]] {
      parameters.map {
        $0.map { Matrix(rows: $0.rows, columns: $0.columns, repeating: .nan, elementType: elementType) }
      }
    }
    /// The parts' loss and gradients: in kernels of their own (`shared`), or as on one thread with the loss by part.
    func partPasses(shared: Bool) -> (Double, [[Matrix]]) {
      var gradients = unwritten()
      let loss = rows.withUnsafeBufferPointer { indices in
        gathered
          ? kernel.partPasses(
            inputs: inputs.converted(to: elementType), targets: targets.converted(to: elementType), rows: batch,
            rowIndices: indices.baseAddress, parts: 2, shared: shared, parameters: &parameters,
            gradients: &gradients)
          : kernel.partPasses(
            inputs: batchInputs.converted(to: elementType), targets: batchTargets.converted(to: elementType),
            rows: batch, rowIndices: nil, parts: 2, shared: shared, parameters: &parameters, gradients: &gradients)
      }
      return (loss, gradients)
    }
    let (partsLoss, gradients) = partPasses(shared: true)
    // Run as on one thread, the loss taken by part: the same bits, whatever was in the gradients before.
    let (togetherLoss, togetherGradients) = partPasses(shared: false)
    #expect(togetherLoss.bitPattern == partsLoss.bitPattern)
    #expect(togetherGradients == gradients)
    // The step on one thread, the batch whole: every gradient sum the same chain, to the bit (NaN, never equal,
    // would show an element left unwritten).
    var wholeGradients = unwritten()
    kernel.load(
      inputs: batchInputs.converted(to: elementType), targets: batchTargets.converted(to: elementType), start: 0,
      count: batch, rowIndices: nil)
    _ = kernel.run(parameters: &parameters, gradients: &wholeGradients) {
      kernel.passes(rows: batch, scaleRows: batch)
    }
    #expect(wholeGradients == gradients, "\(label)")
    // float64: round-off of sums taken in another order; float32: that of float32 arithmetic over these sums.
    let tolerance = elementType == .float64 ? 1e-12 : 2e-5
    #expect(abs(partsLoss - expectedLoss) <= tolerance * abs(expectedLoss), "\(label): \(partsLoss) vs \(expectedLoss)")
    for layer in gradients.indices {
      for index in gradients[layer].indices {
        let error = relativeError(gradients[layer][index], expectedGradients[layer][index])
        #expect(error <= tolerance, "\(label): layer \(layer) parameter \(index) differs by \(error)")
      }
    }
  }

  @Test("a batch is cut only on several threads, with enough work per part and at least a lane group each")
  func partCount() {
    // The digits network's 17,226 parameters.
    let parameters = 64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10
    #expect(FusedBatchParts.count(rows: 256, parameters: parameters, lanes: 8, threads: 1) == 1)
    #expect(FusedBatchParts.count(rows: 256, parameters: parameters, lanes: 8, threads: 2) == 2)
    #expect(FusedBatchParts.count(rows: 256, parameters: parameters, lanes: 16, threads: 3) == 2)
    #expect(FusedBatchParts.count(rows: 128, parameters: parameters, lanes: 8, threads: 2) == 2)
    // 32 rows a part: 551,232 multiply-adds, below the least a part takes.
    #expect(FusedBatchParts.count(rows: 64, parameters: parameters, lanes: 8, threads: 2) == 1)
    // Fewer rows than two lane groups.
    #expect(FusedBatchParts.count(rows: 31, parameters: 1 << 20, lanes: 16, threads: 2) == 1)
    // The iris network (4-12-6-3, 153 parameters) is never cut at usual batch sizes.
    #expect(FusedBatchParts.count(rows: 1024, parameters: 153, lanes: 8, threads: 2) == 1)
  }
}
