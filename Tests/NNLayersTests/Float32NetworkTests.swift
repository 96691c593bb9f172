import Foundation
import NNCore
import NNLayers
import Testing

/// A layer that computes in `Double` only: `y = 2x`.
private struct DoubleOnlyScale: Layer {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "double_only_scale") }
  func outputWidth(inputWidth: Int) throws -> Int { inputWidth }
  func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    input.withUnsafeBufferPointer { x in
      output.withUnsafeMutableBufferPointer { y in for index in y.indices { y[index] = 2 * x[index] } }
    }
  }
  func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    guard computeInputGradient else { return }
    outputGradient.withUnsafeBufferPointer { upstream in
      inputGradient.withUnsafeMutableBufferPointer { target in
        for index in target.indices { target[index] = 2 * upstream[index] }
      }
    }
  }
}

/// Gradient descent written for `Double` parameters only, and not elementwise in form.
private struct DoubleOnlyDescent: Optimizer {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "double_only_descent") }
  var learningRate: Double { 0.05 }
  var slotNames: [String] { ["previous"] }
  func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double) {
    parameter.withUnsafeMutableBufferPointer { theta in
      gradient.withUnsafeBufferPointer { nabla in
        state.slots[0].withUnsafeMutableBufferPointer { previous in
          for index in theta.indices {
            previous[index] = 0.5 * previous[index] + nabla[index]
            theta[index] -= learningRate * previous[index]
          }
        }
      }
    }
    state.step += 1
  }
}

@Suite("Float32 networks")
struct Float32NetworkTests {
  /// Dense layers and an elementwise activation (computed in `Float`), and a float64-only layer, maxout and
  /// softmax (computed through widened buffers).
  func layers() throws -> [any Layer] {
    [
      try Dense(units: 8), ActivationLayer(Tanh()), DoubleOnlyScale(), try Maxout(units: 4, pieces: 2),
      try Dense(units: 3), ActivationLayer(Softmax()),
    ]
  }

  func data(rows: Int, random: RandomSource) -> (inputs: Matrix, targets: Matrix) {
    var inputs = Matrix(rows: rows, columns: 5)
    var targets = Matrix(rows: rows, columns: 3)
    for row in 0..<rows {
      for column in 0..<5 { inputs[row, column] = random.normal() }
      targets[row, random.integer(below: 3)] = 1
    }
    return (inputs, targets)
  }

  /// The largest difference between two lists of matrices, relative to the largest magnitude of the second.
  func relativeDifference(_ first: [Matrix], _ second: [Matrix]) -> Double {
    FusedFloat32KernelTests.relativeDifference(first, second)
  }

  @Test("a network made in float32 has the float64 network's weights rounded")
  func initialisation() throws {
    let double = try Sequential(
      inputWidth: 5, layers: try layers(), initializer: XavierUniformInitializer(), random: RandomSource(seed: 3))
    let single = try Sequential(
      inputWidth: 5, layers: try layers(), initializer: XavierUniformInitializer(), random: RandomSource(seed: 3),
      elementType: .float32)
    #expect(double.elementType == .float64)
    #expect(single.elementType == .float32)
    #expect(single.parameters == double.converted(to: .float32).parameters)
    #expect(single.parameters.joined().allSatisfy { $0.elementType == .float32 })
  }

  @Test("parameters of two element types are refused, naming the layer and parameter")
  func mixedTypes() throws {
    let network = try Sequential(
      inputWidth: 5, layers: [try Dense(units: 2)], initializer: ZerosInitializer(), random: RandomSource(seed: 1))
    let mixed = [[network.parameters[0][0], network.parameters[0][1].converted(to: .float32)]]
    #expect(throws: NetworkError.self) {
      try Sequential(inputWidth: 5, layers: [try Dense(units: 2)], parameters: mixed)
    }
  }

  @Test("a parameter of another element type cannot be set into a network")
  func setParameterOfAnotherType() async {
    await #expect(processExitsWith: .failure) {
      var network = try Sequential(
        inputWidth: 2, layers: [try Dense(units: 1)], initializer: ZerosInitializer(), random: RandomSource(seed: 1))
      network.setParameter(Matrix(rows: 2, columns: 1, elementType: .float32), layer: 0, index: 0)
    }
  }

  @Test("float32 gradients agree with float64 gradients of the same weights to float32 accuracy")
  func gradients() throws {
    let single = try Sequential(
      inputWidth: 5, layers: try layers(), initializer: XavierUniformInitializer(), random: RandomSource(seed: 5),
      elementType: .float32)
    let double = single.converted(to: .float64)
    let (inputs, targets) = data(rows: 37, random: RandomSource(seed: 11))
    for loss in [SoftmaxCrossEntropy() as any Loss, MeanSquaredError()] {
      var singleTrainer = Trainer(network: single, loss: loss, optimizer: DoubleOnlyDescent())
      var doubleTrainer = Trainer(network: double, loss: loss, optimizer: DoubleOnlyDescent())
      #expect(!singleTrainer.usesFusedKernel)
      let random = RandomSource(seed: 2)
      let singleLoss = try singleTrainer.computeGradients(inputs: inputs, targets: targets, random: random)
      let doubleLoss = try doubleTrainer.computeGradients(inputs: inputs, targets: targets, random: random)
      // Inputs rounded to float32 (relative error u = 2⁻²⁴ ≈ 6e-8), then a dozen rounded operations per value:
      // 1e-5 of the largest gradient leaves two orders of magnitude of room and fails on any wrong conversion.
      #expect(abs(singleLoss - doubleLoss) <= 1e-5 * abs(doubleLoss))
      let singleGradients = Array(singleTrainer.parameterGradients.joined())
      #expect(singleGradients.allSatisfy { $0.elementType == .float32 })
      #expect(relativeDifference(singleGradients, Array(doubleTrainer.parameterGradients.joined())) <= 1e-5)
    }
  }

  @Test("float32 training tracks float64 training from the same weights and batches")
  func training() throws {
    let single = try Sequential(
      inputWidth: 5, layers: try layers(), initializer: XavierUniformInitializer(), random: RandomSource(seed: 8),
      elementType: .float32)
    var singleTrainer = Trainer(network: single, loss: SoftmaxCrossEntropy(), optimizer: DoubleOnlyDescent())
    var doubleTrainer = Trainer(
      network: single.converted(to: .float64), loss: SoftmaxCrossEntropy(), optimizer: DoubleOnlyDescent())
    let (inputs, targets) = data(rows: 64, random: RandomSource(seed: 4))
    let random = RandomSource(seed: 0)
    var first = (0.0, 0.0)
    var last = (0.0, 0.0)
    for step in 0..<100 {
      let singleLoss = try singleTrainer.step(inputs: inputs, targets: targets, random: random)
      let doubleLoss = try doubleTrainer.step(inputs: inputs, targets: targets, random: random)
      if step == 0 { first = (singleLoss, doubleLoss) }
      last = (singleLoss, doubleLoss)
      #expect(abs(singleLoss - doubleLoss) <= 1e-4 * doubleLoss, "step \(step)")
    }
    #expect(last.1 < 0.9 * first.1)
    let parameters = Array(singleTrainer.network.parameters.joined())
    #expect(parameters.allSatisfy { $0.elementType == .float32 })
    #expect(singleTrainer.optimizerState.joined().allSatisfy { $0.slots[0].elementType == .float32 })
    #expect(relativeDifference(parameters, Array(doubleTrainer.network.parameters.joined())) <= 1e-4)
    let predictions = try singleTrainer.network.predict(inputs)
    #expect(predictions.elementType == .float32)
    let evaluation = try singleTrainer.evaluate(inputs: inputs, targets: targets)
    #expect(evaluation.outputs.elementType == .float32)
    #expect(abs(evaluation.loss - (try doubleTrainer.evaluate(inputs: inputs, targets: targets)).loss) <= 1e-4)
  }

  @Test("the gradient check of a float32 network runs in float64 and finds the float64 network's result")
  func gradientCheck() throws {
    let single = try Sequential(
      inputWidth: 5, layers: try layers(), initializer: XavierUniformInitializer(), random: RandomSource(seed: 6),
      elementType: .float32)
    let (inputs, targets) = data(rows: 9, random: RandomSource(seed: 12))
    let singleCheck = try GradientCheck.network(
      single, loss: SoftmaxCrossEntropy(), inputs: inputs.converted(to: .float32), targets: targets)
    let doubleCheck = try GradientCheck.network(
      single.converted(to: .float64), loss: SoftmaxCrossEntropy(), inputs: inputs.converted(to: .float32),
      targets: targets)
    #expect(singleCheck.passed)
    #expect(singleCheck.maximumRelativeError == doubleCheck.maximumRelativeError)
  }
}
