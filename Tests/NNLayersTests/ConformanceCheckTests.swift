import NNCore
import NNLayers
import NNOptim
import Testing

/// ``ConformanceCheck`` as a package's own tests use it: a correct component of its own passes, a wrong one fails
/// with a report naming it and the broken rule, and an unknown name throws with a suggestion.
@Suite("Conformance check of one component")
struct ConformanceCheckTests {
  static let registry: Registry = {
    do {
      return try Registry(plugins: [
        NNLayersPlugin.self, NNOptimPlugin.self, GainLayerPlugin.self, MiscalculatedPlugin.self,
      ])
    } catch {
      fatalError("the test plugins must register cleanly: \(error)")
    }
  }()

  @Test("a correct layer of one's own passes every check")
  func correctLayer() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "gain_dense")
    #expect(report.passed, "\(report)")
    #expect(report.component == "gain_dense")
    #expect(report.checks.map(\.name) == ["lookup by name", "configuration round trip", "shapes", "gradient"])
    #expect(report.checks.allSatisfy { $0.kind == .layer && $0.component == "gain_dense(units=4)" })
    let gradient = try #require(report.checks.last?.maximumRelativeError)
    #expect(gradient < 1e-6)
  }

  @Test("an activation whose derivative is off fails its gradient checks, and the report names it")
  func miscalculatedActivation() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "miscalculated_softsign")
    #expect(!report.passed)
    let failed = report.checks.filter { !$0.passed }
    #expect(failed.map(\.name) == ["gradient", "gradient"])
    #expect(failed.map(\.kind) == [.activation, .layer])
    // The derivative is off by the factor 1 + |x|, a relative error |x| / (2 + |x|): well above 0.01 on [-2, 2].
    #expect(failed.allSatisfy { ($0.maximumRelativeError ?? 0) > 0.01 })
    let text = "\(report)"
    #expect(text.hasPrefix("conformance of 'miscalculated_softsign': 6 of 8 checks passed\n"))
    #expect(text.contains("FAIL  activation  miscalculated_softsign  gradient  "))
    #expect(text.contains("(tolerance 1e-06)"))
    #expect(text.split(separator: "\n").count == report.checks.count + 1)
  }

  @Test("a component whose float32 path differs from its float64 one fails its float32 checks, and only those")
  func carelessFloat32() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "careless_doubling")
    #expect(!report.passed)
    let failed = report.checks.filter { !$0.passed }
    #expect(failed.map(\.name) == ["float32", "float32"], "\(report)")
    #expect(failed.map(\.kind) == [.activation, .layer])
    // 2.001x against 2x: at most 5e-4 of the largest result, and far above the limit of 1e-5.
    #expect(failed.allSatisfy { ($0.maximumRelativeError ?? 0) > 1e-4 && ($0.maximumRelativeError ?? 1) <= 5e-4 })
  }

  @Test("a loss that does not save its reduction fails the configuration round trip")
  func forgetfulLoss() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "forgetful_mse")
    #expect(!report.passed)
    let failed = report.checks.filter { !$0.passed }
    #expect(failed.map(\.name) == ["configuration round trip"], "\(report)")
    #expect(failed.first?.detail == "it does not save reduction")
    #expect(report.checks.filter { $0.name == "gradient" }.count == 2)
  }

  @Test("an optimizer whose state lacks its slot fails the state check, and nothing runs on that state")
  func slotlessOptimizer() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "slotless_descent")
    #expect(!report.passed)
    #expect(report.checks.map(\.name) == ["lookup by name", "configuration round trip", "state"])
    #expect(report.checks.last?.detail == "fresh state has 0 slots for 1 names")
  }

  @Test("a specification with arguments checks the component made with them")
  func withArguments() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "leaky_relu(negative_slope=0.2)")
    #expect(report.passed, "\(report)")
    #expect(report.checks.allSatisfy { $0.component.contains("negative_slope=0.2") }, "\(report)")
  }

  @Test("a tolerance too small for rounding fails the gradient checks")
  func tolerance() throws {
    let report = try ConformanceCheck(registry: Self.registry, tolerance: 1e-300).run(component: "tanh")
    #expect(!report.passed)
    #expect(report.checks.filter { !$0.passed }.allSatisfy { $0.name == "gradient" })
  }

  @Test("an unknown name throws, suggesting the closest registered name")
  func unknownName() throws {
    let check = ConformanceCheck(registry: Self.registry)
    #expect(
      throws: ComponentError.unknownComponent(
        kind: .layer, name: "gain_dnese", known: Self.registry.names(of: .layer), suggestion: "gain_dense")
    ) {
      try check.run(component: "gain_dnese")
    }
    let error = #expect(throws: ComponentError.self) { try check.run(component: "typo") }
    guard case .unknownComponent(_, "typo", _, nil)? = error else {
      Issue.record("expected unknownComponent without a suggestion, got \(String(describing: error))")
      return
    }
    #expect(throws: ComponentError.self) { try check.run(component: "tanh(") }
  }

  @Test("GradientCheck: an unknown name throws instead of checking nothing; an optimizer has nothing to check")
  func gradientCheckUnknownName() throws {
    let check = GradientCheck(registry: Self.registry)
    #expect(throws: ComponentError.self) { try check.run(component: "typo") }
    let error = #expect(throws: ComponentError.self) { try check.run(component: "rleu") }
    #expect(error.map { "\($0)" }?.contains("did you mean 'relu'?") == true)
    #expect(try check.run(component: "sgd").isEmpty)
    #expect(try check.run(component: "tanh").map(\.kind) == ["activation"])
  }
}
