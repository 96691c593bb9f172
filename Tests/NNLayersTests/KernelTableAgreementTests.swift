@_spi(Internals) import NNCore
import Testing

@testable import NNLayers

/// The fused kernel's step on every instruction set with fused multiply-adds this CPU runs: the same gradients and
/// loss to the bit, however each set's kernels block the sums (tiles, groups at a time, units per block), since every
/// sum is one chain in the same order.
@Suite("Kernel instruction sets agree")
struct KernelTableAgreementTests {
  private let registry = TestRegistry.shared

  /// Networks (layers, input width, loss): a digits-shaped one (sums in rows, wide blocks), an iris-shaped one
  /// and a sphere-shaped one (narrow layers).
  static let networks: [([String], Int, String)] = [
    (["dense(128)", "relu", "dense(64)", "relu", "dense(10)", "softmax"], 64, "softmax_cross_entropy"),
    (["dense(12)", "sigmoid", "dense(6)", "sigmoid", "dense(3)", "sigmoid"], 4, "mse"),
    (
      ["dense(3, bias=false)", "sigmoid", "dense(2, bias=false)", "sigmoid", "dense(1, bias=false)", "sigmoid"], 3,
      "mse(reduction=sum)"
    ),
  ]

  @Test("every table with fused multiply-adds gives the same gradients and loss", arguments: networks)
  func tablesAgree(network description: ([String], Int, String)) throws {
    let tables = KernelTable.runnable.filter { !$0.roundsProducts }
    let (layers, inputWidth, lossName) = description
    for elementType in [ElementType.float64, .float32] {
      let random = RandomSource(seed: 3)
      let network = try Sequential(
        inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
        initializer: XavierUniformInitializer(), random: random, elementType: elementType)
      let loss = try registry.loss(lossName)
      let inputs = Matrix.random(rows: 150, columns: inputWidth, in: random, minimum: -2, maximum: 2)
        .converted(to: elementType)
      let outputWidth = network.widths[network.widths.count - 1]
      let targets = Matrix.random(rows: 150, columns: outputWidth, in: random, minimum: 0, maximum: 1)
        .converted(to: elementType)
      let trainedLayerCount = try Trainer(network: network, loss: loss, optimizer: registry.optimizer("sgd"))
        .trainedLayerCount
      var results: [(name: String, loss: Double, gradients: [[Matrix]])] = []
      for kernels in tables {
        let kernel = try #require(
          FusedNetworkKernel(network: network, loss: loss, trainedLayerCount: trainedLayerCount, kernels: kernels))
        var parameters = network.parameters
        var gradients = parameters.map {
          $0.map { Matrix(rows: $0.rows, columns: $0.columns, repeating: .nan, elementType: elementType) }
        }
        let value = kernel.computeGradients(
          inputs: inputs, targets: targets, parameters: &parameters, gradients: &gradients)
        results.append((kernels.name, value, gradients))
      }
      for result in results.dropFirst() {
        let label = "\(layers) \(elementType.rawValue): \(result.name) against \(results[0].name)"
        #expect(result.loss.bitPattern == results[0].loss.bitPattern, "\(label)")
        #expect(result.gradients == results[0].gradients, "\(label)")
      }
    }
  }
}
