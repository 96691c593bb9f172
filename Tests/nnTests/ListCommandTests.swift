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

  @Test("each registry name is listed beside its Swift type, with the expression for a configuration of a type")
  func swiftTypes() throws {
    let result = try CommandRunner.run(["list"])
    #expect(result.status == 0)
    // Columns are separated by at least two spaces; a signature's parameters by one.
    let lines = result.output.split(separator: "\n").map {
      $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    func row(_ name: String) -> [String]? { lines.first { $0.first?.hasPrefix(name) == true } }
    #expect(row("elu(")?.dropFirst().first == "ExponentialLinearUnit")
    #expect(row("mse(")?.dropFirst().first == "MeanSquaredError")
    #expect(row("xavier_uniform(")?.dropFirst().first == "XavierUniformInitializer")
    #expect(row("silu")?.dropFirst().first == "Swish")
    #expect(row("silu")?.last?.hasSuffix("in Swift Swish.sigmoidLinearUnit") == true)
    #expect(row("nesterov(")?.dropFirst().first == "Momentum")
    #expect(row("adamw(")?.dropFirst().first == "Adam")
  }

  @Test("the JSON listing gives each component's Swift type, and the expression where a name is a configuration")
  func jsonTypes() throws {
    let result = try CommandRunner.run(["list", "--json"])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    func component(_ kind: String, _ name: String) throws -> [String: Any] {
      let components = try #require(object[kind] as? [[String: Any]])
      return try #require(components.first { $0["name"] as? String == name })
    }
    for kind in ["activations", "layers", "losses", "optimizers", "initializers"] {
      for component in try #require(object[kind] as? [[String: Any]]) {
        #expect(component["type"] is String, "\(kind): \(component["name"] ?? "?") has no type")
      }
    }
    #expect(try component("activations", "elu")["type"] as? String == "ExponentialLinearUnit")
    #expect(try component("activations", "elu")["type_note"] == nil)
    #expect(try component("activations", "silu")["type"] as? String == "Swish")
    #expect(try component("activations", "silu")["type_note"] as? String == "Swish.sigmoidLinearUnit")
    #expect(try component("losses", "mse")["type"] as? String == "MeanSquaredError")
    #expect(try component("optimizers", "nesterov")["type"] as? String == "Momentum")
    #expect(try component("optimizers", "adamw")["type"] as? String == "Adam")
    #expect(try component("initializers", "he_normal")["type"] as? String == "HeNormalInitializer")
  }

  @Test("an unknown kind is a usage error with a suggestion")
  func unknownKind() throws {
    let result = try CommandRunner.run(["list", "optimisers"])
    #expect(result.status == 64)
    #expect(result.error.contains("did you mean 'optimizers'"))
  }
}
