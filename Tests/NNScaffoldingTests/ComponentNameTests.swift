import Testing

@testable import NNScaffolding

/// The registry name derived from a type name, and the type names refused.
@Suite("Component names")
struct ComponentNameTests {
  @Test(
    "a word starts at a capital after a lowercase letter or digit, and at the last capital of a run before lowercase",
    arguments: [
      ("LeakyGate", "leaky_gate"), ("HTTPGate", "http_gate"), ("Swish2", "swish2"), ("ReLU", "re_lu"),
      ("ABC", "abc"), ("MyHTTPServer2X", "my_http_server2_x"), ("Gate", "gate"),
    ])
  func lowerSnake(typeName: String, registryName: String) throws {
    #expect(try ComponentName(typeName).registryName == registryName)
  }

  @Test(
    "names that are not UpperCamelCase are refused, with the obvious correction",
    arguments: [
      ("soft_gate", "SoftGate"), ("leaky-gate", "LeakyGate"), ("swish", "Swish"),
    ])
  func corrected(written: String, suggestion: String) {
    let error = #expect(throws: ScaffoldingError.self) { try ComponentName(written) }
    #expect(error?.category == .invalidRequest)
    #expect(error?.message.contains("(did you mean '\(suggestion)'?)") == true)
  }

  @Test("a correction that is taken is not suggested")
  func takenCorrection() {
    let error = #expect(throws: ScaffoldingError.self) {
      try ComponentName("soft_gate") { _ in "taken for the test" }
    }
    #expect(error?.message.contains("did you mean") == false)
    #expect(error?.message.contains("'SoftGate' is taken too (taken for the test)") == true)
  }

  @Test("type names the generated code uses are refused", arguments: ["Matrix", "Double", "Registry"])
  func reserved(typeName: String) {
    let error = #expect(throws: ScaffoldingError.self) { try ComponentName(typeName) }
    #expect(error?.category == .invalidRequest)
  }
}
