import NNCore
import NNLayers
import Testing

@testable import NNTraining

/// The `--network` syntax: splitting at top-level commas, making each layer by name, and one clear error
/// naming the position and text of a bad layer; and the hidden stage of `--activation maxout(…)`.
@Suite("Network specification")
struct NetworkSpecificationTests {
  private let registry: Registry

  init() throws { registry = TestRegistry.shared }

  /// The error that reading `text` throws, or a recorded issue.
  private func refusal(of text: String) -> NetworkSpecificationError? {
    do {
      _ = try NetworkSpecification.layers(from: text, registry: registry)
      Issue.record("'\(text)' must be refused")
    } catch let error as NetworkSpecificationError {
      return error
    } catch {
      Issue.record("'\(text)' threw \(error), not a NetworkSpecificationError")
    }
    return nil
  }

  @Test("the issue's example gives its six layers, in order")
  func example() throws {
    let layers = try NetworkSpecification.layers(
      from: "dense(12),sigmoid,dense(6),relu,dense(3),softmax", registry: registry)
    #expect(
      layers.map(\.configuration.description) == [
        "dense(bias=true, units=12)", "sigmoid", "dense(bias=true, units=6)", "relu", "dense(bias=true, units=3)",
        "softmax",
      ])
    let network = try Sequential(
      inputWidth: 4, layers: layers, initializer: XavierUniformInitializer(), random: RandomSource(seed: 1))
    #expect(network.widths == [4, 12, 12, 6, 6, 3, 3])
  }

  @Test("commas inside parentheses and quotes are arguments; spaces around layers are ignored")
  func splitting() throws {
    #expect(
      try NetworkSpecification.pieces(of: " dense(12, bias=false) , leaky_relu(negative_slope=0.2),dropout(0.5) ")
        == ["dense(12, bias=false)", "leaky_relu(negative_slope=0.2)", "dropout(0.5)"])
    #expect(try NetworkSpecification.pieces(of: "a('x,(y'),b") == ["a('x,(y')", "b"])
    let layers = try NetworkSpecification.layers(
      from: "maxout(8, pieces=3), dropout(rate=0.25), dense(16, bias=false), maxout_pool(4), softmax",
      registry: registry)
    #expect(
      layers.map(\.configuration.description) == [
        "maxout(bias=true, pieces=3, units=8)", "dropout(rate=0.25)", "dense(bias=false, units=16)",
        "maxout_pool(pieces=4)", "softmax",
      ])
  }

  @Test(
    "a bad layer is named by position and text",
    arguments: [
      ("dense(12),,softmax", 2, "", "empty"),
      ("dense(12),softmax,", 3, "", "empty"),
      (",dense(3)", 1, "", "empty"),
      ("dense(12),relu),dense(3)", 2, "relu)", "the ')' at character 15 closes no '('"),
      ("dense(12),dense(3,softmax", 2, "dense(3,softmax", "the '(' at character 16 is never closed"),
      ("dense(12),rleu,dense(3)", 2, "rleu", "did you mean 'relu'?"),
      ("dense(12),dense,softmax", 2, "dense", "'dense' needs a value for 'units'"),
      ("dense(12),dropout(2)", 2, "dropout(2)", "must be in [0, 1)"),
      ("dense((12))", 1, "dense((12))", "unbalanced '('"),
      ("dense(12),Relu", 2, "Relu", "not a component name"),
      ("dense(12),relu('x)", 2, "relu('x)", "lacks its closing '"),
    ])
  func badLayer(text: String, position: Int, piece: String, reason: String) throws {
    let error = try #require(refusal(of: text))
    #expect(error.position == position)
    #expect(error.piece == piece)
    #expect(error.reason.contains(reason), "\(error)")
    let described = "\(error)"
    #expect(described.hasPrefix("cannot read the network '\(text)': layer \(position) '\(piece)': "))
  }

  @Test("an empty specification names no layer", arguments: ["", "  "])
  func empty(text: String) throws {
    let error = try #require(refusal(of: text))
    #expect(error.position == 0)
    #expect("\(error)".contains("names no layer"))
  }

  @Test("a hidden stage is dense then the activation")
  func hiddenStage() throws {
    let layers = try NetworkSpecification.hiddenStage(
      width: 12, activation: "leaky_relu(negative_slope=0.2)", bias: false, registry: registry)
    #expect(
      layers.map(\.configuration.description) == ["dense(bias=false, units=12)", "leaky_relu(negative_slope=0.2)"])
  }

  @Test(
    "a maxout activation makes one maxout layer of the stage's width",
    arguments: [
      ("maxout", true, "maxout(bias=true, pieces=2, units=12)"),
      ("maxout(pieces=3)", false, "maxout(bias=false, pieces=3, units=12)"),
      ("maxout(4)", true, "maxout(bias=true, pieces=4, units=12)"),
      ("maxout(pieces=2, bias=false)", true, "maxout(bias=false, pieces=2, units=12)"),
    ])
  func maxoutStage(activation: String, bias: Bool, expected: String) throws {
    let layers = try NetworkSpecification.hiddenStage(width: 12, activation: activation, bias: bias, registry: registry)
    #expect(layers.map(\.configuration.description) == [expected])
  }

  @Test("a maxout activation refuses its own width and bad pieces", arguments: ["maxout(units=3)", "maxout(pieces=0)"])
  func maxoutStageErrors(activation: String) {
    #expect(throws: ComponentError.self) {
      try NetworkSpecification.hiddenStage(width: 12, activation: activation, bias: true, registry: registry)
    }
  }
}
