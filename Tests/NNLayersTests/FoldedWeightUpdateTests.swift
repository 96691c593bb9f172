@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// A `float32` step with a linear optimizer (SGD) folds each dense layer's weight update into the product that
/// computes its gradient: the weights must end where the rule takes them from the unfolded step's gradients, to
/// within `float32` rounding, and everything else must be as in an unfolded step.
@Suite("weight updates folded into products")
struct FoldedWeightUpdateTests {
  /// 6-40-ReLU-24(no bias)-sigmoid-5-softmax: a dense layer fused with its ReLU, one without a bias before another
  /// activation, and a last one with a bias before the loss.
  private static func network(elementType: ElementType) throws -> Sequential {
    let layers: [any Layer] = [
      try Dense(units: 40), ActivationLayer(ReLU()), try Dense(units: 24, bias: false), ActivationLayer(Sigmoid()),
      try Dense(units: 5), ActivationLayer(Softmax()),
    ]
    return try networkWithBiases(inputWidth: 6, layers: layers, seed: 21, biasLimit: 0.3, elementType: elementType)
  }

  /// 50 rows of inputs and one-hot targets.
  private static func data(elementType: ElementType) -> (inputs: Matrix, targets: Matrix) {
    let random = RandomSource(seed: 22)
    var inputs = Matrix(rows: 50, columns: 6)
    var targets = Matrix(rows: 50, columns: 5)
    for row in 0..<50 {
      for column in 0..<6 { inputs[row, column] = random.uniform(from: -2, to: 2) }
      targets[row, (row * 7) % 5] = 1
    }
    return (inputs.converted(to: elementType), targets.converted(to: elementType))
  }

  private static let rows = (0..<32).map { ($0 * 13 + 5) % 50 }

  private static func trainer(
    elementType: ElementType = .float32, optimizer: any Optimizer, folds: Bool
  ) throws -> Trainer {
    var trainer = Trainer(
      network: try network(elementType: elementType), loss: SoftmaxCrossEntropy(), optimizer: optimizer,
      allowsFusedKernel: false)
    trainer.foldsUpdates = folds
    return trainer
  }

  /// The elements' bit patterns, matrix by matrix.
  private static func bits(_ matrices: [[Matrix]]) -> [[UInt32]] {
    matrices.joined().map { $0.elementArray(as: Float.self).map(\.bitPattern) }
  }

  /// The unfolded step's gradients `∇` and the rule `θ ← (1 − ηλ) θ − η ∇` computed in `Double` from them: the
  /// parameters a step should reach.
  private static func expectedParameters(
    from unfolded: Trainer, gradients: [[Matrix]], learningRate: Double, weightDecay: Double
  ) -> [[[Double]]] {
    zip(unfolded.network.parameters, gradients).map { layer in
      zip(layer.0, layer.1).map { parameter, gradient in
        zip(parameter.elements, gradient.elements).map { (1 - learningRate * weightDecay) * $0 - learningRate * $1 }
      }
    }
  }

  /// Every parameter within `float32` rounding of the rule's value: a few units in the last place of the larger of
  /// the parameter and the step.
  private static func expectClose(
    _ trainer: Trainer, to expected: [[[Double]]], before: Sequential, gradients: [[Matrix]], learningRate: Double
  ) {
    for layer in expected.indices {
      for index in expected[layer].indices {
        let found = trainer.network.parameters[layer][index].elements
        let start = before.parameters[layer][index].elements
        let gradient = gradients[layer][index].elements
        for element in found.indices {
          let scale = abs(start[element]) + learningRate * abs(gradient[element]) + 1e-30
          let error = abs(found[element] - expected[layer][index][element]) / scale
          #expect(error < 4e-7, "layer \(layer) matrix \(index) element \(element): \(error)")
        }
      }
    }
  }

  @Test("a step on a data set's rows folds every dense layer, to the rule's values")
  func rowsStepFoldsEveryDenseLayer() throws {
    let (inputs, targets) = Self.data(elementType: .float32)
    let optimizer = try SGD(learningRate: 0.3, weightDecay: 0.01)
    var folded = try Self.trainer(optimizer: optimizer, folds: true)
    var unfolded = try Self.trainer(optimizer: optimizer, folds: false)
    let before = unfolded.network
    let foldedLoss = try Self.rows.withUnsafeBufferPointer {
      try folded.step(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
    }
    let unfoldedLoss = try Self.rows.withUnsafeBufferPointer {
      try unfolded.computeGradients(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
    }
    #expect(folded.foldedLayers == [0, 2, 4])
    #expect(foldedLoss == unfoldedLoss)
    let gradients = unfolded.parameterGradients
    Self.expectClose(
      folded,
      to: Self.expectedParameters(from: unfolded, gradients: gradients, learningRate: 0.3, weightDecay: 0.01),
      before: before, gradients: gradients, learningRate: 0.3)
    // The step moved every matrix (the check above is not passed by parameters left where they were).
    for (after, start) in zip(folded.network.parameters.joined(), before.parameters.joined()) {
      #expect(after.elements != start.elements)
    }
    // The gradients, computed again from the step's buffers, and the layers' error terms are the unfolded step's.
    #expect(Self.bits(folded.parameterGradients) == Self.bits(gradients))
    #expect(Self.bits([folded.layerOutputGradients]) == Self.bits([unfolded.layerOutputGradients]))
    #expect(folded.optimizerState.joined().allSatisfy { $0.step == 1 })
  }

  @Test("a caller's batch folds every layer but the first; a converted batch folds the first too")
  func callerBatchKeepsTheFirstLayer() throws {
    let (inputs, targets) = Self.data(elementType: .float32)
    let optimizer = try SGD(learningRate: 0.3)
    for batch in [inputs, inputs.converted(to: .float64)] {
      var folded = try Self.trainer(optimizer: optimizer, folds: true)
      var unfolded = try Self.trainer(optimizer: optimizer, folds: false)
      let before = unfolded.network
      try folded.step(inputs: batch, targets: targets, random: RandomSource(seed: 1))
      _ = try unfolded.computeGradients(inputs: batch, targets: targets, random: RandomSource(seed: 1))
      #expect(folded.foldedLayers == (batch.elementType == .float32 ? [2, 4] : [0, 2, 4]))
      let gradients = unfolded.parameterGradients
      Self.expectClose(
        folded, to: Self.expectedParameters(from: unfolded, gradients: gradients, learningRate: 0.3, weightDecay: 0),
        before: before, gradients: gradients, learningRate: 0.3)
      #expect(Self.bits(folded.parameterGradients) == Self.bits(gradients))
    }
  }

  @Test("three folded steps stay within float32 rounding of three unfolded ones")
  func stepsTrackUnfoldedSteps() throws {
    let (inputs, targets) = Self.data(elementType: .float32)
    let optimizer = try SGD(learningRate: 0.3)
    var folded = try Self.trainer(optimizer: optimizer, folds: true)
    var unfolded = try Self.trainer(optimizer: optimizer, folds: false)
    for _ in 0..<3 {
      try Self.rows.withUnsafeBufferPointer {
        try folded.step(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
        try unfolded.step(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
      }
    }
    for (found, expected) in zip(folded.network.parameters.joined(), unfolded.network.parameters.joined()) {
      for (a, b) in zip(found.elements, expected.elements) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
    }
    #expect(folded.optimizerState.joined().allSatisfy { $0.step == 3 })
  }

  @Test(
    "no fold in float64, with gradient clipping, or with an optimizer that is not a linear step",
    arguments: ["float64", "clipping", "momentum"])
  func unfoldedCases(_ name: String) throws {
    let (inputs, targets) = Self.data(elementType: name == "float64" ? .float64 : .float32)
    let optimizer: any Optimizer = name == "momentum" ? try Momentum(learningRate: 0.3) : try SGD(learningRate: 0.3)
    let elementType: ElementType = name == "float64" ? .float64 : .float32
    var first = try Self.trainer(elementType: elementType, optimizer: optimizer, folds: true)
    var second = try Self.trainer(elementType: elementType, optimizer: optimizer, folds: false)
    if name == "clipping" {
      first.gradientClipping = .norm(1)
      second.gradientClipping = .norm(1)
    }
    try Self.rows.withUnsafeBufferPointer {
      try first.step(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
      try second.step(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
    }
    #expect(first.foldedLayers.isEmpty)
    let firstBits = first.network.parameters.joined().map { $0.elements.map(\.bitPattern) }
    let secondBits = second.network.parameters.joined().map { $0.elements.map(\.bitPattern) }
    #expect(firstBits == secondBits)
  }

  @Test("gradients computed without a step are stored, not folded")
  func computeGradientsDoesNotFold() throws {
    let (inputs, targets) = Self.data(elementType: .float32)
    var trainer = try Self.trainer(optimizer: try SGD(learningRate: 0.3), folds: true)
    let before = trainer.network
    try Self.rows.withUnsafeBufferPointer {
      try trainer.step(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
      _ = try trainer.computeGradients(rows: $0, of: inputs, targets: targets, random: RandomSource(seed: 1))
    }
    #expect(trainer.foldedLayers.isEmpty)
    #expect(trainer.network.parameters.joined().map(\.elements) != before.parameters.joined().map(\.elements))
  }
}
