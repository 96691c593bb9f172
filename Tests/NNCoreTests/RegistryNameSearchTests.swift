import NNCore
import Testing

/// Finding a name among every kind: which kinds have it, and the error for a name none has.
@Suite("Registry name search across kinds")
struct RegistryNameSearchTests {
  @Test("the kinds of a name, an activation's name counting as a layer's")
  func kindsNamed() throws {
    let registry = try makeTestRegistry()
    #expect(registry.kinds(named: "relu") == [.activation, .layer])
    #expect(registry.kinds(named: "dense") == [.layer])
    #expect(registry.kinds(named: "mse") == [.loss])
    #expect(registry.kinds(named: "sgd") == [.optimizer])
    #expect(registry.kinds(named: "constant") == [.initializer])
    #expect(registry.kinds(named: "relu(1)").isEmpty)
    #expect(registry.kinds(named: "mish").isEmpty)
    let withoutActivationLayers = try Registry(plugins: [
      TestActivationsPlugin.self, TestLayersWithoutActivationsPlugin.self,
    ])
    #expect(withoutActivationLayers.kinds(named: "relu") == [.activation])
  }

  @Test("an unknown name suggests the closest name of any kind and lists that kind's names")
  func unknownAcrossKinds() throws {
    let registry = try makeTestRegistry()
    #expect(
      registry.unknownComponentError("ms")
        == .unknownComponent(kind: .loss, name: "ms", known: ["mse"], suggestion: "mse"))
    #expect(
      registry.unknownComponentError("rleu")
        == .unknownComponent(
          kind: .layer, name: "rleu", known: ["dense", "leaky_relu", "relu", "sigmoid", "tanh"], suggestion: "relu"))
    #expect(
      registry.unknownComponentError("rleu", among: [.activation])
        == .unknownComponent(
          kind: .activation, name: "rleu", known: ["leaky_relu", "relu", "sigmoid", "tanh"], suggestion: "relu"))
    #expect(
      registry.unknownComponentError("quaternion")
        == .unknownComponent(kind: .layer, name: "quaternion", known: registry.names(of: .layer), suggestion: nil))
    #expect(
      registry.unknownComponentError("sdg", among: [.optimizer, .initializer])
        == .unknownComponent(kind: .optimizer, name: "sdg", known: ["sgd"], suggestion: "sgd"))
    let far = registry.unknownComponentError("quaternion", among: [.initializer, .loss])
    #expect(far == .unknownComponent(kind: .initializer, name: "quaternion", known: ["constant"], suggestion: nil))
    #expect("\(registry.unknownComponentError("dnese"))".contains("did you mean 'dense'?"))
  }
}
