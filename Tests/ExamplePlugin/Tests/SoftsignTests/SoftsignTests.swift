import NNCore
import NNLayers
import NNOptim
import Softsign
import Testing

@Suite("Softsign")
struct SoftsignTests {
  @Test("x/(1+|x|) and its slope at hand-computed points")
  func values() {
    let softsign = Softsign()
    #expect(softsign.value(3) == 0.75)  // 3 / 4
    #expect(softsign.value(-1) == -0.5)  // −1 / 2
    #expect(softsign.derivative(input: 1, output: 0.5) == 0.25)  // 1 / (1 + 1)²
    #expect(softsign.derivative(input: -3, output: -0.75) == 0.0625)  // 1 / (1 + 3)²
  }

  @Test("passes every conformance check: gradients, round trip, lookup, shapes")
  func conformance() throws {
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, SoftsignPlugin.self])
    let report = try ConformanceCheck(registry: registry).run(component: "softsign")
    #expect(report.passed, "\(report)")
  }
}
