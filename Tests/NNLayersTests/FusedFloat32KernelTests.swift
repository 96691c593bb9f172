import Foundation
@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// The fused kernel on `float32` networks (sixteen samples to a lane vector, the float32 C kernels) against the
/// `float32` layer-by-layer path and against `float64` on the same weights, for every activation the C kernels
/// know, both losses, batch sizes with and without a partial group, and widths that are not multiples of 8 or 16.
///
/// The bounds come from the unit roundoff `u = 2⁻²⁴`: a gradient is a sum over the batch of products along a chain
/// of `k` rounded operations at most (the dot products of every layer, one per sample of the batch sum, a few per
/// activation: ``operations(widths:batch:)``), so each path is within `γₖ ≈ k·u` of the exact value relative to
/// the sum of the magnitudes of its terms, and the two paths within `2k·u`. Cancellation in those sums is allowed a
/// factor of 8 against the largest gradient: the tolerance is `16·k·u` of the largest gradient's magnitude (about
/// 1e-4 for the largest cases here, a few 1e-5 for the small ones), far below what a wrong lane, a missing derivative
/// or a dropped sample gives (an error of the gradient's own size).
@Suite("Fused kernel in float32")
struct FusedFloat32KernelTests {
  private let registry = TestRegistry.shared
  /// `u` of `float32`.
  static let unitRoundoff = ElementType.float32.unitRoundoff

  /// The activations the C kernels compute (`nil`: none, the identity).
  static let activations: [String?] = ["sigmoid", "tanh", "relu", "leaky_relu", "swish", nil]

  /// An iris-like network (4 inputs, 11 and 6 hidden units, 3 outputs) and a digits-like one (62 inputs, 30 and
  /// 21 hidden units, 10 outputs; 30 units sum their gradients in rows of error terms, the rest in lanes), each
  /// with `activation` after its hidden layers, and for the squared error after its output too.
  static func network(_ shape: Int, activation: String?, loss: String) -> (layers: [String], inputWidth: Int) {
    let widths = shape == 0 ? [11, 6, 3] : [30, 21, 10]
    var layers: [String] = []
    for (index, width) in widths.enumerated() {
      layers.append("dense(\(width))")
      if index + 1 < widths.count || loss == "mse", let activation { layers.append(activation) }
    }
    if loss != "mse" { layers.append("softmax") }
    return (layers, shape == 0 ? 4 : 62)
  }

  /// `k`, the longest chain of rounded operations behind a gradient: every layer's dot product (its fan-in), the
  /// batch sum, the loss's row sums and four per layer for the activation and its derivative (each a few ulp).
  static func operations(widths: [Int], batch: Int) -> Double {
    Double(widths.reduce(0, +) + batch + widths.last! + 4 * widths.count)
  }

  /// The largest difference between the elements of two lists of matrices, relative to the largest magnitude in
  /// the second.
  static func relativeDifference(_ first: [Matrix], _ second: [Matrix]) -> Double {
    var difference = 0.0
    var scale = 0.0
    for (left, right) in zip(first, second) {
      for (a, b) in zip(left.elements, right.elements) {
        difference = max(difference, abs(a - b))
        scale = max(scale, abs(b))
      }
    }
    return scale == 0 ? difference : difference / scale
  }

  /// Features uniform in [-2, 2] and targets (one-hot for cross-entropy, uniform in [0, 1] for the squared error).
  static func data(rows: Int, inputWidth: Int, outputWidth: Int, oneHot: Bool, seed: UInt64) -> (Matrix, Matrix) {
    let random = RandomSource(seed: seed)
    var inputs = Matrix(rows: rows, columns: inputWidth)
    var targets = Matrix(rows: rows, columns: outputWidth)
    for row in 0..<rows {
      for column in 0..<inputWidth { inputs[row, column] = random.uniform(from: -2, to: 2) }
      if oneHot {
        targets[row, random.integer(below: outputWidth)] = 1
      } else {
        for column in 0..<outputWidth { targets[row, column] = random.uniform(from: 0, to: 1) }
      }
    }
    return (inputs, targets)
  }

  static let lossNames = ["mse", "softmax_cross_entropy"]

  @Test(
    "float32 fused gradients agree with float32 layer by layer and with float64 within 16·k·u",
    arguments: [0, 1], lossNames)
  func gradients(shape: Int, lossName: String) throws {
    for activation in Self.activations {
      let (layers, inputWidth) = Self.network(shape, activation: activation, loss: lossName)
      let network = try Sequential(
        inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
        initializer: XavierUniformInitializer(), random: RandomSource(seed: 3), elementType: .float32)
      let loss = try registry.loss(lossName)
      let optimizer = try SGD(learningRate: 0.05)
      var layered = Trainer(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: false)
      var double = Trainer(
        network: network.converted(to: .float64), loss: loss, optimizer: optimizer, allowsFusedKernel: false)
      for batch in [1, 7, 16, 64] {
        let (inputs, targets) = Self.data(
          rows: batch, inputWidth: inputWidth, outputWidth: layered.lossWidth, oneHot: lossName != "mse",
          seed: UInt64(batch))
        let random = RandomSource(seed: 1)
        let layeredLoss = try layered.computeGradients(inputs: inputs, targets: targets, random: random)
        let doubleLoss = try double.computeGradients(inputs: inputs, targets: targets, random: random)
        let widths = network.widths.dropFirst().map { $0 }
        let tolerance = 16 * Self.operations(widths: [inputWidth] + widths, batch: batch) * Self.unitRoundoff
        for kernels in KernelTable.runnable {
          var fused = Trainer(
            network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: true, kernels: kernels)
          let label = "\(layers) \(lossName) batch \(batch) on \(kernels.name)"
          #expect(fused.usesFusedKernel, "\(label)")
          let fusedLoss = try fused.computeGradients(inputs: inputs, targets: targets, random: random)
          let gradients = Array(fused.parameterGradients.joined())
          #expect(gradients.allSatisfy { $0.elementType == .float32 }, "\(label)")
          #expect(abs(fusedLoss - layeredLoss) <= tolerance * abs(layeredLoss), "\(label): loss")
          #expect(abs(fusedLoss - doubleLoss) <= tolerance * abs(doubleLoss), "\(label): loss against float64")
          let againstLayered = Self.relativeDifference(gradients, Array(layered.parameterGradients.joined()))
          let againstDouble = Self.relativeDifference(gradients, Array(double.parameterGradients.joined()))
          #expect(againstLayered <= tolerance, "\(label): \(againstLayered) of the largest gradient")
          #expect(againstDouble <= tolerance, "\(label): \(againstDouble) of the largest gradient, float64")
        }
      }
    }
  }

  @Test(
    "thirty float32 fused training steps track float32 layer by layer and float64 within 30·16·k·u",
    arguments: [0, 1], lossNames)
  func training(shape: Int, lossName: String) throws {
    let steps = 30
    for activation in Self.activations {
      let (layers, inputWidth) = Self.network(shape, activation: activation, loss: lossName)
      let network = try Sequential(
        inputWidth: inputWidth, layers: layers.map { try registry.layer($0) },
        initializer: XavierUniformInitializer(), random: RandomSource(seed: 7), elementType: .float32)
      let loss = try registry.loss(lossName)
      let optimizer = try SGD(learningRate: 0.05)
      var fused = Trainer(network: network, loss: loss, optimizer: optimizer)
      var layered = Trainer(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: false)
      var double = Trainer(
        network: network.converted(to: .float64), loss: loss, optimizer: optimizer, allowsFusedKernel: false)
      #expect(fused.usesFusedKernel)
      let (inputs, targets) = Self.data(
        rows: 100, inputWidth: inputWidth, outputWidth: fused.lossWidth, oneHot: lossName != "mse", seed: 9)
      let random = RandomSource(seed: 1)
      let batch = 23
      let widths = [inputWidth] + network.widths.dropFirst().map { $0 }
      // Each step adds at most one step's gradient difference (times the learning rate) to the parameters.
      let tolerance = Double(steps) * 16 * Self.operations(widths: widths, batch: batch) * Self.unitRoundoff
      for step in 0..<steps {
        let rows = (0..<batch).map { (step * 13 + $0 * 7) % 100 }
        try rows.withUnsafeBufferPointer { indices in
          let fusedLoss = try fused.step(rows: indices, of: inputs, targets: targets, random: random)
          let layeredLoss = try layered.step(rows: indices, of: inputs, targets: targets, random: random)
          let doubleLoss = try double.step(rows: indices, of: inputs, targets: targets, random: random)
          #expect(abs(fusedLoss - layeredLoss) <= tolerance * abs(layeredLoss), "\(layers) step \(step)")
          #expect(abs(fusedLoss - doubleLoss) <= tolerance * abs(doubleLoss), "\(layers) step \(step), float64")
        }
      }
      let parameters = Array(fused.network.parameters.joined())
      #expect(parameters.allSatisfy { $0.elementType == .float32 })
      let againstLayered = Self.relativeDifference(parameters, Array(layered.network.parameters.joined()))
      let againstDouble = Self.relativeDifference(parameters, Array(double.network.parameters.joined()))
      #expect(againstLayered <= tolerance, "\(layers) \(lossName): \(againstLayered)")
      #expect(againstDouble <= tolerance, "\(layers) \(lossName): \(againstDouble), float64")
      let evaluation = try fused.evaluate(inputs: inputs, targets: targets)
      let reference = try layered.evaluate(inputs: inputs, targets: targets)
      #expect(evaluation.outputs.elementType == .float32)
      #expect(abs(evaluation.loss - reference.loss) <= tolerance * abs(reference.loss))
      #expect(Self.relativeDifference([evaluation.outputs], [reference.outputs]) <= tolerance)
    }
  }

  @Test("a float32 network with an activation the C kernels do not compute trains layer by layer")
  func unknownActivation() throws {
    let network = try Sequential(
      inputWidth: 3, layers: ["dense(5)", "elu", "dense(2)"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: RandomSource(seed: 1), elementType: .float32)
    #expect(!Trainer(network: network, loss: MeanSquaredError(), optimizer: try SGD(learningRate: 0.1)).usesFusedKernel)
    #expect(
      Trainer(network: network.converted(to: .float64), loss: MeanSquaredError(), optimizer: try SGD(learningRate: 0.1))
        .usesFusedKernel)
  }
}
