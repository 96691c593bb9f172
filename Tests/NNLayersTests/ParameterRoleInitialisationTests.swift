import NNCore
import NNLayers
import NNOptim
import NNTraining
import Testing

/// Parameters start as their roles say: weights drawn, gains at one, shifts at their constant, biases at zero;
/// and a model file stores the values, not the roles.
@Suite("Parameters start as their roles say")
struct ParameterRoleInitialisationTests {
  static let registry: Registry = {
    do {
      return try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, GainLayerPlugin.self])
    } catch {
      fatalError("the test plugins must register cleanly: \(error)")
    }
  }()

  @Test("a gain declared .ones starts at exactly 1, a constant at its value, and the weight is drawn")
  func constantsAndDraws() throws {
    let network = try Sequential(
      inputWidth: 4, layers: [GainDense(units: 3)], initializer: XavierUniformInitializer(),
      random: RandomSource(seed: 9))
    let parameters = try #require(network.parameters.first)
    #expect(parameters.count == 3)
    #expect(parameters[1] == Matrix(rows: 1, columns: 3, repeating: 1))
    #expect(parameters[2] == Matrix(rows: 1, columns: 3, repeating: 0.25))
    // The weight is exactly the initializer's draw for a 4×3 matrix with fans 4 and 3 from the same seed: the
    // constants draw nothing.
    var drawn = Matrix(rows: 4, columns: 3)
    XavierUniformInitializer().initialize(&drawn, fanIn: 4, fanOut: 3, random: RandomSource(seed: 9))
    #expect(parameters[0] == drawn)
    #expect(drawn.elements.allSatisfy { $0 != 0 && abs($0) <= (6.0 / 7).squareRoot() })
  }

  @Test("a dense layer's bias still starts at zero")
  func biasStartsAtZero() throws {
    let network = try Sequential(
      inputWidth: 2, layers: [try Self.registry.layer("dense(5)")], initializer: XavierUniformInitializer(),
      random: RandomSource(seed: 3))
    #expect(network.parameters[0][1] == Matrix(rows: 1, columns: 5))
    #expect(network.parameters[0][0].elements.contains { $0 != 0 })
  }

  @Test("a model file round trip keeps trained gains, shifts and weights, whatever they started at")
  func modelFileRoundTrip() throws {
    let network = try Sequential(
      inputWidth: 4, layers: [try Self.registry.layer("gain_dense(2)")], initializer: XavierUniformInitializer(),
      random: RandomSource(seed: 4))
    var trainer = Trainer(
      network: network, loss: try Self.registry.loss("mse"), optimizer: try Self.registry.optimizer("sgd(0.1)"))
    let inputs = Matrix([[1, 0.5, -1, 2], [0, -0.5, 1, 1], [2, 1, 0, -1]])
    let targets = Matrix([[1, 0], [0, 1], [0.5, 0.5]])
    for _ in 0..<3 { _ = try trainer.step(inputs: inputs, targets: targets, random: RandomSource(seed: 5)) }
    #expect(trainer.network.parameters[0][1] != Matrix(rows: 1, columns: 2, repeating: 1))
    let file = try ModelFile(jsonData: try ModelFile(trainer: trainer).jsonData(), source: "memory")
    let loaded = try LoadedModel(file: file, registry: Self.registry)
    #expect(loaded.network.parameters == trainer.network.parameters)
    #expect(try loaded.network.predict(inputs) == trainer.network.predict(inputs))
  }
}
