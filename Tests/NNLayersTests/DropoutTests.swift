import NNCore
import NNLayers
import Testing

/// Inverted dropout: identity in inference; in training a seeded mask keeping `1 − rate` of the elements,
/// scaled by `1/(1 − rate)`, and a backward pass through the same mask.
@Suite("Dropout layer")
struct DropoutTests {
  /// One forward pass of `layer` on `input`; returns the output and the workspace it left.
  private func forward(_ layer: Dropout, _ input: Matrix, mode: ForwardMode) -> (Matrix, LayerWorkspace) {
    var output = Matrix(rows: input.rows, columns: input.columns)
    var workspace = layer.makeWorkspace(inputWidth: input.columns)
    layer.forward(input, parameters: [], into: &output, workspace: &workspace, mode: mode)
    return (output, workspace)
  }

  /// The backward pass of `layer` from `upstream`, after the forward pass that left `workspace`.
  private func backward(
    _ layer: Dropout, input: Matrix, output: Matrix, upstream: Matrix, workspace: LayerWorkspace
  ) -> Matrix {
    var workspace = workspace
    var parameterGradients: [Matrix] = []
    var inputGradient = Matrix(rows: input.rows, columns: input.columns)
    layer.backward(
      input: input, output: output, outputGradient: upstream, parameters: [],
      parameterGradients: &parameterGradients, inputGradient: &inputGradient, computeInputGradient: true,
      workspace: &workspace)
    return inputGradient
  }

  @Test("inference is the identity, forward and backward")
  func inferenceIsIdentity() throws {
    let layer = try Dropout(rate: 0.5)
    let random = RandomSource(seed: 1)
    let input = Matrix.random(rows: 4, columns: 6, in: random)
    let upstream = Matrix.random(rows: 4, columns: 6, in: random)
    let (output, workspace) = forward(layer, input, mode: .inference)
    #expect(output == input)
    #expect(backward(layer, input: input, output: output, upstream: upstream, workspace: workspace) == upstream)
  }

  @Test("an inference pass after a training pass is the identity again")
  func inferenceAfterTraining() throws {
    let layer = try Dropout(rate: 0.5)
    let input = Matrix.random(rows: 3, columns: 4, in: RandomSource(seed: 2))
    var output = Matrix(rows: 3, columns: 4)
    var workspace = layer.makeWorkspace(inputWidth: 4)
    layer.forward(input, parameters: [], into: &output, workspace: &workspace, mode: .training(RandomSource(seed: 3)))
    #expect(output != input)
    layer.forward(input, parameters: [], into: &output, workspace: &workspace, mode: .inference)
    #expect(output == input)
    #expect(backward(layer, input: input, output: output, upstream: input, workspace: workspace) == input)
  }

  @Test("the mask is reproducible by seed and differs between seeds")
  func reproducibleMask() throws {
    let layer = try Dropout(rate: 0.3)
    let input = Matrix(rows: 8, columns: 10, repeating: 1)
    let (first, _) = forward(layer, input, mode: .training(RandomSource(seed: 7)))
    let (second, _) = forward(layer, input, mode: .training(RandomSource(seed: 7)))
    let (other, _) = forward(layer, input, mode: .training(RandomSource(seed: 8)))
    #expect(first == second)
    #expect(first != other)
  }

  @Test("about 1 − rate of the elements are kept, each scaled by 1/(1 − rate)", arguments: [0.1, 0.3, 0.5, 0.8])
  func keptFraction(rate: Double) throws {
    let layer = try Dropout(rate: rate)
    let input = Matrix.random(rows: 200, columns: 100, in: RandomSource(seed: 4), minimum: 1, maximum: 2)
    let (output, workspace) = forward(layer, input, mode: .training(RandomSource(seed: 5)))
    var kept = 0
    for (x, y) in zip(input.elements, output.elements) where y != 0 {
      kept += 1
      #expect(abs(y - x / (1 - rate)) <= 1e-12 * abs(y))
    }
    // 20 000 Bernoulli draws: the standard deviation of the fraction is at most 0.0036.
    #expect(abs(Double(kept) / Double(input.count) - (1 - rate)) < 0.02)
    #expect(workspace.matrices[0].elements.allSatisfy { $0 == 0 || $0 == 1 / (1 - rate) })
  }

  @Test("the expectation is preserved: the mean output is the mean input", arguments: [0.2, 0.5])
  func expectationPreserved(rate: Double) throws {
    let layer = try Dropout(rate: rate)
    let input = Matrix.random(rows: 250, columns: 80, in: RandomSource(seed: 6), minimum: 1, maximum: 2)
    let (output, _) = forward(layer, input, mode: .training(RandomSource(seed: 9)))
    let inputMean = input.sum() / Double(input.count)
    let outputMean = output.sum() / Double(output.count)
    // Each output has a standard deviation below 2·√(rate/(1 − rate)) ≤ 2; over 20 000, the mean's is ≤ 0.015.
    #expect(abs(outputMean - inputMean) < 0.06)
  }

  @Test("backward is mask ⊙ upstream, matching finite differences with the mask held fixed")
  func backwardThroughMask() throws {
    let layer = try Dropout(rate: 0.4)
    let random = RandomSource(seed: 10)
    let input = Matrix.random(rows: 5, columns: 6, in: random)
    let upstream = Matrix.random(rows: 5, columns: 6, in: random)
    let (output, workspace) = forward(layer, input, mode: .training(RandomSource(seed: 11)))
    let gradient = backward(layer, input: input, output: output, upstream: upstream, workspace: workspace)
    let mask = workspace.matrices[0]
    #expect(gradient.elements == zip(mask.elements, upstream.elements).map { $0 * $1 })
    // The same seed draws the same mask, so every probe differentiates the same linear map.
    let expected = FiniteDifference.gradient(at: input) { point in
      let (probe, _) = forward(layer, point, mode: .training(RandomSource(seed: 11)))
      return probe.dot(upstream)
    }
    #expect(FiniteDifference.maximumRelativeError(gradient, expected) < 1e-6)
  }

  @Test("rate 0 keeps everything in training")
  func rateZero() throws {
    let layer = try Dropout(rate: 0)
    let input = Matrix.random(rows: 3, columns: 3, in: RandomSource(seed: 12))
    let (output, workspace) = forward(layer, input, mode: .training(RandomSource(seed: 13)))
    #expect(output == input)
    #expect(backward(layer, input: input, output: output, upstream: input, workspace: workspace) == input)
  }

  @Test("a rate outside [0, 1) is refused with its range", arguments: [-0.1, 1, 1.5, Double.nan, Double.infinity])
  func invalidRate(rate: Double) {
    #expect(throws: ComponentError.self) { try Dropout(rate: rate) }
    do {
      _ = try TestRegistry.shared.layer(ComponentRequest(name: "dropout", named: ["rate": .number(rate)]))
      Issue.record("dropout(rate=\(rate)) must throw")
    } catch {
      #expect("\(error)".contains("[0, 1)"))
    }
  }

  @Test("made by name, the rate positionally")
  func registry() throws {
    let layer = try #require(try TestRegistry.shared.layer("dropout(0.25)") as? Dropout)
    #expect(layer.rate == 0.25)
    #expect(layer.configuration.description == "dropout(rate=0.25)")
    #expect(throws: ComponentError.self) { try TestRegistry.shared.layer("dropout") }
  }

  @Test("a network with dropout trains layer by layer, on batches of changing size")
  func trainsLayerByLayer() throws {
    let registry = TestRegistry.shared
    let network = try Sequential(
      inputWidth: 3,
      layers: ["dense(8)", "relu", "dropout(0.2)", "dense(2)", "softmax"].map { try registry.layer($0) },
      initializer: HeNormalInitializer(), random: RandomSource(seed: 14))
    var trainer = Trainer(
      network: network, loss: try registry.loss("softmax_cross_entropy"), optimizer: try registry.optimizer("sgd"))
    #expect(!trainer.usesFusedKernel)
    let random = RandomSource(seed: 15)
    for rows in [4, 7, 2, 7] {
      let inputs = Matrix.random(rows: rows, columns: 3, in: random)
      let targets = Matrix.oneHotRows((0..<rows).map { $0 % 2 }, classes: 2)
      #expect(try trainer.step(inputs: inputs, targets: targets, random: random).isFinite)
    }
    let inputs = Matrix.random(rows: 5, columns: 3, in: random)
    #expect(try trainer.network.predict(inputs) == trainer.network.predict(inputs))
  }
}
