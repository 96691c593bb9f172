import NNCore
import NNLayers
import Testing

/// The behaviour every registered optimizer and initializer must have, whichever package registers it, through
/// ``ConformanceCheck``: a newly registered one (by hand or by `nn new`) is covered at once.
@Suite("Conformance of every registered optimizer and initializer")
struct OptimizerConformanceTests {
  static let registry = TestRegistry.shared

  @Test(
    "optimizers: lookup, configuration round trip, state, descent on a quadratic bowl, state round trip, float32",
    arguments: registry.names(of: .optimizer))
  func optimizerConforms(name: String) throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: name)
    #expect(report.passed, "\(report)")
    #expect(
      report.checks.map(\.name) == [
        "lookup by name", "configuration round trip", "state", "descent", "state round trip", "float32",
      ])
    #expect(report.checks.allSatisfy { $0.kind == .optimizer })
    let roundTrip = report.checks.first { $0.name == "state round trip" }
    #expect(roundTrip?.maximumRelativeError == 0, "resuming from saved state must be exact: \(report)")
  }

  @Test(
    "initializers: lookup, configuration round trip, finite values of the declared shape, reproducible",
    arguments: registry.names(of: .initializer))
  func initializerConforms(name: String) throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: name)
    #expect(report.passed, "\(report)")
    #expect(
      report.checks.map(\.name) == ["lookup by name", "configuration round trip", "fills its matrix", "reproducible"])
  }
}
