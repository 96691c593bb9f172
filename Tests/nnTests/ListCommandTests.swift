import Foundation
import Testing

/// `nn list`: every registered component with its parameters, defaults and description.
@Suite("nn list")
struct ListCommandTests {
  @Test("lists every kind with signatures and descriptions")
  func everything() throws {
    let result = try CommandRunner.run(["list"])
    #expect(result.status == 0)
    for heading in ["activations:", "layers:", "losses:", "optimizers:", "initializers:"] {
      #expect(result.output.contains(heading), "missing \(heading)")
    }
    #expect(result.output.contains("dense(units, bias=true)"))
    #expect(result.output.contains("mse(reduction=mean)"))
    #expect(result.output.contains("sigmoid"))
  }

  @Test("one kind as JSON names each parameter's kind, default and whether it is required")
  func json() throws {
    let result = try CommandRunner.run(["list", "layers", "--json"])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["layers"])
    let layers = try #require(object["layers"] as? [[String: Any]])
    let dense = try #require(layers.first { $0["name"] as? String == "dense" })
    let parameters = try #require(dense["parameters"] as? [[String: Any]])
    let units = try #require(parameters.first { $0["name"] as? String == "units" })
    #expect(units["required"] as? Bool == true)
    let bias = try #require(parameters.first { $0["name"] as? String == "bias" })
    #expect(bias["default"] as? Bool == true)
  }

  @Test("an unknown kind is a usage error with a suggestion")
  func unknownKind() throws {
    let result = try CommandRunner.run(["list", "optimisers"])
    #expect(result.status == 64)
    #expect(result.error.contains("did you mean 'optimizers'"))
  }
}
