import ArgumentParser
import Foundation
import NNCore

/// `nn new`: scaffolds a component from `Templates/<kind>/`: its source, its test and its registration.
struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Scaffold a new component: activation, layer, loss, optimizer or initializer.",
    discussion: """
      Renders Templates/<kind>/ into the package: a documented, working component, its test, and its \
      registration line between the `nn:registrations` markers of the package's plugin. The registry name is \
      the type name in lower_snake (LeakyGate → leaky_gate) and must be free. Everything is rendered before \
      anything is written; on a failure nothing is left half-written. Exit codes: 64 usage, 65 malformed \
      template, 66 missing template, 73 cannot create, 74 input/output error.
      """)

  @Argument(help: "The kind: activation, layer, loss, optimizer or initializer.")
  var kind: String

  @Argument(help: "The Swift type name, UpperCamelCase (e.g. SoftGate); the registry name is soft_gate.")
  var name: String

  @Option(help: "The package to write into (default: the template's, NNLayers or NNOptim).")
  var package: String?

  @Option(name: .customLong("param"), help: "A parameter's default in the generated code, as name=value.")
  var parameters: [String] = []

  @Flag(help: "Print the files and the registration without writing anything.")
  var dryRun = false

  @Flag(help: "Replace the files of a component nn new made before (its registration is not added twice).")
  var force = false

  @Option(help: "The repository root (default: the nearest folder above holding Templates/ and Packages/).")
  var root: String?

  mutating func run() throws {
    try reportingScaffoldFailures {
      let kind = try Scaffolder.kind(kind)
      let name = try ComponentName(name)
      let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      let root = try RepositoryRoot.find(explicit: root, from: current)
      let registry: Registry
      do { registry = try Plugins.registry() } catch { throw ScaffoldFailure(message: "\(error)", status: 70) }
      let scaffolder = Scaffolder(root: root, registry: registry)
      let outcome = try scaffolder.plan(
        kind: kind, name: name, package: package, parameters: parameters, force: force)
      if dryRun {
        print(ScaffoldReport.dryRun(outcome), terminator: "")
      } else {
        try ScaffoldWriter(root: root).write(outcome.plan)
        print(ScaffoldReport.done(outcome), terminator: "")
      }
    }
  }
}
