import CAllocationCounting
@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// The fused kernel's training step allocates nothing once its buffers have grown to the batch: counted by the
/// test executable's own allocation functions (`CAllocationCounting`), on the test's thread only, over 100 steps
/// after a few that may size the buffers.
@Suite(
  "Fused step allocations",
  .enabled(
    if: NNAllocationCountingAvailable() != 0, "allocations are counted on glibc, without an allocating sanitizer")
)
struct FusedStepAllocationTests {
  /// The number of allocations `body` makes on this thread.
  ///
  /// - Parameter body: The work to count.
  static func allocations(_ body: () throws -> Void) rethrows -> UInt {
    let before = NNAllocationCount()
    try body()
    return UInt(NNAllocationCount() - before)
  }

  /// An iris-like network (4-12-6-3, sigmoid, with biases) in `elementType`, trained with the squared error and
  /// Adam (two slots per parameter), with a data set of 150 rows in its element type.
  ///
  /// - Parameter elementType: The network's element type.
  static func trainer(_ elementType: ElementType) throws -> (trainer: Trainer, inputs: Matrix, targets: Matrix) {
    let random = RandomSource(seed: 5)
    let network = try Sequential(
      inputWidth: 4,
      layers: [
        try Dense(units: 12), ActivationLayer(Sigmoid()), try Dense(units: 6), ActivationLayer(Sigmoid()),
        try Dense(units: 3), ActivationLayer(Sigmoid()),
      ],
      initializer: XavierUniformInitializer(), random: random, elementType: elementType)
    var inputs = Matrix(rows: 150, columns: 4)
    var targets = Matrix(rows: 150, columns: 3)
    for row in 0..<150 {
      for column in 0..<4 { inputs[row, column] = random.uniform(from: -2, to: 2) }
      targets[row, row % 3] = 1
    }
    let trainer = Trainer(network: network, loss: MeanSquaredError(), optimizer: try Adam(learningRate: 0.01))
    return (trainer, inputs.converted(to: elementType), targets.converted(to: elementType))
  }

  @Test("counting sees an allocation made on this thread")
  func countingWorks() {
    let count = Self.allocations {
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 64)
      buffer.deallocate()
      let array = [Int](repeating: 1, count: 100)
      #expect(array.count == 100)
    }
    #expect(count >= 2)
  }

  @Test(
    "100 steady-state fused steps on rows of a data set allocate nothing",
    arguments: [ElementType.float64, .float32], [1, 7, 64])
  func stepsOnRows(elementType: ElementType, batch: Int) throws {
    var (trainer, inputs, targets) = try Self.trainer(elementType)
    #expect(trainer.usesFusedKernel)
    #expect(trainer.usesSingleSamplePath == (elementType == .float64))
    let random = RandomSource(seed: 1)
    let rows = (0..<(batch * 103)).map { ($0 * 37) % 150 }
    try rows.withUnsafeBufferPointer { all in
      var first = 0
      // Steps to size the buffers; each batch starts one row further on.
      for _ in 0..<3 {
        try trainer.step(
          rows: UnsafeBufferPointer(rebasing: all[first..<(first + batch)]), of: inputs, targets: targets,
          random: random)
        first += batch
      }
      let count = try Self.allocations {
        for _ in 0..<100 {
          try trainer.step(
            rows: UnsafeBufferPointer(rebasing: all[first..<(first + batch)]), of: inputs, targets: targets,
            random: random)
          first += batch
        }
      }
      #expect(count == 0, "\(elementType) batch \(batch): \(count) allocations in 100 steps")
    }
  }

  @Test(
    "100 steady-state fused steps on a batch of matrices allocate nothing",
    arguments: [ElementType.float64, .float32], [1, 64])
  func stepsOnMatrices(elementType: ElementType, batch: Int) throws {
    var (trainer, inputs, targets) = try Self.trainer(elementType)
    var batchInputs = Matrix(rows: batch, columns: 4, elementType: elementType)
    var batchTargets = Matrix(rows: batch, columns: 3, elementType: elementType)
    Array(0..<batch).withUnsafeBufferPointer { rows in
      batchInputs.gatherRows(of: inputs, at: rows)
      batchTargets.gatherRows(of: targets, at: rows)
    }
    let random = RandomSource(seed: 1)
    for _ in 0..<3 { try trainer.step(inputs: batchInputs, targets: batchTargets, random: random) }
    let count = try Self.allocations {
      for _ in 0..<100 { try trainer.step(inputs: batchInputs, targets: batchTargets, random: random) }
    }
    #expect(count == 0, "\(elementType) batch \(batch): \(count) allocations in 100 steps")
  }

  @Test(
    "100 steady-state passes of a batch in two parts, shared or run on the caller alone, allocate nothing",
    arguments: [ElementType.float64, .float32], [true, false])
  func passesInParts(elementType: ElementType, shared: Bool) throws {
    let (trainer, inputs, targets) = try Self.trainer(elementType)
    let kernel = try #require(
      FusedNetworkKernel(
        network: trainer.network, loss: MeanSquaredError(), trainedLayerCount: trainer.trainedLayerCount))
    var parameters = trainer.network.parameters
    var gradients = parameters.map { $0.map { Matrix(rows: $0.rows, columns: $0.columns, elementType: elementType) } }
    let rows = (0..<64).map { ($0 * 37) % 150 }
    rows.withUnsafeBufferPointer { rows in
      func passes() {
        _ = kernel.partPasses(
          inputs: inputs, targets: targets, rows: 64, rowIndices: rows.baseAddress, parts: 2, shared: shared,
          parameters: &parameters, gradients: &gradients)
        _ = kernel.partPasses(
          inputs: inputs, targets: targets, rows: 150, rowIndices: nil, parts: 2, shared: shared,
          parameters: &parameters, gradients: &gradients)
      }
      // Passes to make the second part's kernel and size the buffers.
      for _ in 0..<3 { passes() }
      let count = Self.allocations {
        for _ in 0..<50 { passes() }
      }
      #expect(count == 0, "\(elementType)\(shared ? " shared" : ""): \(count) allocations in 100 passes")
    }
  }
}
