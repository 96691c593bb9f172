import NNCore
import NNLayers
import Testing

/// Maxout: the layer with its own linear pieces, the parameter-free pooling, their agreement, their
/// gradients and their errors.
@Suite("Maxout layers")
struct MaxoutTests {
  /// A forward and backward pass of `layer`: the output, the parameter gradients and the input gradient.
  private func pass(
    _ layer: any Layer, input: Matrix, parameters: [Matrix], upstream: Matrix
  ) throws -> (output: Matrix, parameterGradients: [Matrix], inputGradient: Matrix) {
    var output = Matrix(rows: input.rows, columns: try layer.outputWidth(inputWidth: input.columns))
    var workspace = layer.makeWorkspace(inputWidth: input.columns)
    layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
    var parameterGradients = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    var inputGradient = Matrix(rows: input.rows, columns: input.columns)
    layer.backward(
      input: input, output: output, outputGradient: upstream, parameters: parameters,
      parameterGradients: &parameterGradients, inputGradient: &inputGradient, computeInputGradient: true,
      workspace: &workspace)
    return (output, parameterGradients, inputGradient)
  }

  @Test("y = max over each unit's pieces of x·W + b, by hand")
  func handComputed() throws {
    let layer = try Maxout(units: 2, pieces: 2)
    // Unit 0 takes columns 0 and 1, unit 1 columns 2 and 3.
    let weight = Matrix([[1, -1, 2, 0], [0, 1, -1, 3]])
    let bias = Matrix([[0, 0.5, 0, -1]])
    let input = Matrix([[2, 1], [-1, 2]])
    // Row 0: z = (2, −0.5, 3, 2) → y = (2, 3), winners (0, 0).
    // Row 1: z = (−1, 3.5, −4, 5) → y = (3.5, 5), winners (1, 1).
    let upstream = Matrix([[1, 10], [100, 1000]])
    let result = try pass(layer, input: input, parameters: [weight, bias], upstream: upstream)
    #expect(result.output == Matrix([[2, 3], [3.5, 5]]))
    // ∂L/∂z = [[1, 0, 10, 0], [0, 100, 0, 1000]].
    #expect(result.parameterGradients[1] == Matrix([[1, 100, 10, 1000]]))
    // ∂L/∂W = xᵀ·∂L/∂z.
    #expect(result.parameterGradients[0] == Matrix([[2, -100, 20, -1000], [1, 200, 10, 2000]]))
    // ∂L/∂x = ∂L/∂z·Wᵀ.
    #expect(result.inputGradient == Matrix([[21, -10], [-100, 3100]]))
  }

  @Test("maxout(units=n, pieces=k) equals dense(n·k) then maxout_pool(k)", arguments: [1, 2, 3])
  func equalsDenseThenPool(pieces: Int) throws {
    let random = RandomSource(seed: 31)
    let maxout = try Maxout(units: 4, pieces: pieces)
    let dense = try Dense(units: 4 * pieces)
    let pool = try MaxoutPool(pieces: pieces)
    let input = Matrix.random(rows: 6, columns: 5, in: random)
    let parameters = maxout.parameterShapes(inputWidth: 5).map {
      Matrix.random(rows: $0.rows, columns: $0.columns, in: random)
    }
    #expect(
      maxout.parameterShapes(inputWidth: 5).map { [$0.rows, $0.columns, $0.fanIn, $0.fanOut] }
        == dense.parameterShapes(inputWidth: 5).map { [$0.rows, $0.columns, $0.fanIn, $0.fanOut] })
    let upstream = Matrix.random(rows: 6, columns: 4, in: random)
    let combined = try pass(maxout, input: input, parameters: parameters, upstream: upstream)
    let features = try pass(dense, input: input, parameters: parameters, upstream: Matrix(rows: 6, columns: 4 * pieces))
    let pooled = try pass(pool, input: features.output, parameters: [], upstream: upstream)
    let separate = try pass(dense, input: input, parameters: parameters, upstream: pooled.inputGradient)
    #expect(combined.output == pooled.output)
    #expect(combined.parameterGradients == separate.parameterGradients)
    #expect(combined.inputGradient == separate.inputGradient)
  }

  @Test("the pool routes each gradient to the winning input, the first one on ties")
  func poolRouting() throws {
    let pool = try MaxoutPool(pieces: 3)
    let input = Matrix([[1, 5, 2, 7, 7, -1]])
    let result = try pass(pool, input: input, parameters: [], upstream: Matrix([[10, 20]]))
    #expect(result.output == Matrix([[5, 7]]))
    #expect(result.inputGradient == Matrix([[0, 10, 0, 20, 0, 0]]))
  }

  @Test("maxout gradients match finite differences", arguments: [(1, 3, true), (3, 3, false), (2, 4, true)])
  func finiteDifferences(units: Int, pieces: Int, bias: Bool) throws {
    let layer = try Maxout(units: units, pieces: pieces, bias: bias)
    let random = RandomSource(seed: 32)
    let input = Matrix.random(rows: 4, columns: 3, in: random)
    let parameters = layer.parameterShapes(inputWidth: 3).map {
      Matrix.random(rows: $0.rows, columns: $0.columns, in: random)
    }
    let upstream = Matrix.random(rows: 4, columns: units, in: random)
    let result = try pass(layer, input: input, parameters: parameters, upstream: upstream)
    func objective(_ input: Matrix, _ parameters: [Matrix]) throws -> Double {
      try pass(layer, input: input, parameters: parameters, upstream: upstream).output.dot(upstream)
    }
    let expectedInput = FiniteDifference.gradient(at: input) { try! objective($0, parameters) }
    #expect(FiniteDifference.maximumRelativeError(result.inputGradient, expectedInput) < 1e-6)
    for index in parameters.indices {
      let expected = FiniteDifference.gradient(at: parameters[index]) { value in
        var changed = parameters
        changed[index] = value
        return try! objective(input, changed)
      }
      #expect(FiniteDifference.maximumRelativeError(result.parameterGradients[index], expected) < 1e-6)
    }
  }

  @Test("maxout_pool refuses an input width its pieces do not divide, naming both")
  func indivisibleWidth() throws {
    let pool = try MaxoutPool(pieces: 2)
    #expect(try pool.outputWidth(inputWidth: 8) == 4)
    #expect(throws: ComponentError.self) { try pool.outputWidth(inputWidth: 5) }
    do {
      _ = try pool.outputWidth(inputWidth: 5)
    } catch {
      #expect("\(error)".contains("2 pieces must divide the input width, got 5 inputs"))
    }
    let registry = TestRegistry.shared
    #expect(throws: NetworkError.self) {
      try Sequential(
        inputWidth: 3, layers: [try registry.layer("dense(5)"), try registry.layer("maxout_pool")],
        initializer: ZerosInitializer(), random: RandomSource(seed: 1))
    }
  }

  @Test("units and pieces below 1 are refused", arguments: ["maxout(0)", "maxout(3, pieces=0)", "maxout_pool(0)"])
  func invalidArguments(specification: String) {
    #expect(throws: ComponentError.self) { try TestRegistry.shared.layer(specification) }
  }

  @Test("made by name with their defaults")
  func registry() throws {
    let maxout = try #require(try TestRegistry.shared.layer("maxout(6)") as? Maxout)
    #expect(maxout.units == 6 && maxout.pieces == 2 && maxout.bias)
    #expect(maxout.configuration.description == "maxout(bias=true, pieces=2, units=6)")
    let pool = try #require(try TestRegistry.shared.layer("maxout_pool(pieces=3)") as? MaxoutPool)
    #expect(pool.pieces == 3)
  }

  @Test("a maxout network trains layer by layer and learns XOR", arguments: ["maxout", "pool"])
  func learnsXOR(form: String) throws {
    let registry = TestRegistry.shared
    let hidden = form == "maxout" ? ["maxout(4, pieces=2)"] : ["dense(8)", "maxout_pool(2)"]
    let network = try Sequential(
      inputWidth: 2, layers: (hidden + ["dense(2)", "softmax"]).map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: RandomSource(seed: 3))
    var trainer = Trainer(
      network: network, loss: try registry.loss("softmax_cross_entropy"),
      optimizer: try registry.optimizer("momentum(learning_rate=0.1)"))
    #expect(!trainer.usesFusedKernel)
    let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
    let labels = [0, 1, 1, 0]
    let targets = Matrix.oneHotRows(labels, classes: 2)
    let random = RandomSource(seed: 4)
    let initial = try trainer.evaluate(inputs: inputs, targets: targets).loss
    for _ in 0..<2000 { _ = try trainer.step(inputs: inputs, targets: targets, random: random) }
    let (loss, outputs) = try trainer.evaluate(inputs: inputs, targets: targets)
    #expect(loss < initial / 10)
    #expect(outputs.argmaxOfRows() == labels)
  }
}
