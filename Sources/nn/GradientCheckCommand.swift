import ArgumentParser
import Foundation
@_spi(Internals) import NNCore
import NNLayers

/// `nn gradcheck`: finite-difference checks of every registered component and of a small network.
struct GradientCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradcheck",
    abstract: "Check every registered component's gradients (or one's) against central finite differences.")

  @Option(help: "Check only the activation, loss or layer with this registry name.")
  var component: String?

  @Option(help: "The largest relative error that passes.")
  var tolerance = 1e-5

  @Flag(help: "Print one JSON array of results.")
  var json = false

  mutating func run() throws {
    try reportingFailures("gradcheck") {
      guard tolerance > 0, tolerance.isFinite else {
        throw CommandFailure("--tolerance must be a positive number, got \(tolerance)")
      }
      let check = GradientCheck(registry: try Plugins.registry(), tolerance: tolerance)
      let results = try check.run(component: component)
      if let component, results.isEmpty {
        throw CommandFailure(
          "--component: '\(component)' has no gradient to check; gradcheck checks activations, losses and layers")
      }
      if json {
        print(try JSONLine.text(results))
      } else {
        let width = results.map(\.name.count).max() ?? 0
        print(
          "kind        \("component".padding(toLength: width, withPad: " ", startingAt: 0))  max relative error  result"
        )
        for result in results {
          let name = result.name.padding(toLength: width, withPad: " ", startingAt: 0)
          let kind = result.kind.padding(toLength: 10, withPad: " ", startingAt: 0)
          let error = String(format: "%18.3e", result.maximumRelativeError)
          print("\(kind)  \(name)  \(error)  \(result.passed ? "pass" : "FAIL")")
        }
        let failed = results.filter { !$0.passed }.count
        print("\(results.count - failed) passed, \(failed) failed (tolerance \(tolerance))")
      }
      if results.contains(where: { !$0.passed }) {
        throw CommandFailure("\(results.filter { !$0.passed }.count) gradient checks failed", status: .software)
      }
    }
  }
}
