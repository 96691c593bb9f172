import ArgumentParser
import Foundation
import NNCore

/// `nn new`: scaffolds a component from `Templates/<kind>/`: its source, its test and its registration, into this
/// repository or into a package of the user's.
struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Scaffold a new component: activation, layer, loss, optimizer or initializer.",
    discussion: """
      Renders Templates/<kind>/ into a package: a documented component that builds and passes its checks at \
      once, its test, and its registration line between the `nn:registrations` markers of the package's plugin. \
      Its body is the template's example (x·σ(βx) for an activation): replace it with your formula. The registry \
      name is the type name in lower_snake (LeakyGate → leaky_gate) and must be free.

      Into your own Swift package (templates from a checkout of nn when run inside one, else those shipped with \
      the tool):
        nn new activation Mish --package-path ~/MyModels
      writes Sources/<Target>/Mish.swift, Tests/<Target>Tests/MishTests.swift, and the registration in \
      Sources/<Target>/<Target>Plugin.swift, which it creates the first time; --target picks the target when \
      Sources/ holds several. Without --package-path it writes into a checkout of nn (NNLayers or NNOptim).

      Everything is rendered and checked before anything is written; on a failure nothing is left half-written. \
      Exit codes: 64 usage, 65 malformed template or plugin file, 66 missing template or package, 73 cannot \
      create, 74 input/output error.
      """)

  @Argument(help: "The kind: activation, layer, loss, optimizer or initializer.")
  var kind: String

  @Argument(help: "The Swift type name, UpperCamelCase (e.g. SoftGate); the registry name is soft_gate.")
  var name: String

  @Option(
    name: .customLong("package-path"),
    help: ArgumentHelp("Your own Swift package to write into (the folder holding Package.swift).", valueName: "path"))
  var packagePath: String?

  @Option(
    help:
      "With --package-path: the target (default: the only folder under Sources/, or the only one without a main.swift)."
  )
  var target: String?

  @Option(help: "In nn itself: the package to write into (default: the template's, NNLayers or NNOptim).")
  var package: String?

  @Option(name: .customLong("param"), help: "A parameter's default in the generated code, as name=value.")
  var parameters: [String] = []

  @Flag(help: "Print the files and the registration without writing anything.")
  var dryRun = false

  @Flag(help: "Replace the files of a component nn new made before (its registration is not added twice).")
  var force = false

  @Option(
    help: """
      The checkout of nn (default: the nearest folder above holding Templates/ and Packages/): written into, or \
      with --package-path, read for its templates.
      """)
  var root: String?

  mutating func run() throws {
    try reportingScaffoldFailures {
      let kind = try Scaffolder.kind(kind)
      let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      let registry: Registry
      do { registry = try Plugins.registry() } catch { throw ScaffoldFailure(message: "\(error)", status: 70) }
      let destination: ScaffoldDestination
      let templates: URL
      let taken: TakenNames
      if let packagePath {
        if package != nil {
          throw ScaffoldFailure.usage("--package names a package of nn itself; with --package-path use --target")
        }
        let user = try UserPackage.find(path: packagePath, target: target, from: current)
        let checkout = try root.map { try RepositoryRoot.find(explicit: $0, from: current) }
        templates = try TemplateSource.folder(checkout: checkout ?? RepositoryRoot.nearest(from: current))
        destination = .userPackage(user)
        taken = TakenNames(
          registry: registry, registeredNames: user.registeredNames(),
          sourceFolders: [
            user.root.appendingPathComponent("Sources"),
            user.root.appendingPathComponent(".build/checkouts/nn/Packages"),
          ],
          base: user.root)
      } else {
        if target != nil { throw ScaffoldFailure.usage("--target names a target of --package-path; pass both") }
        let repository = try RepositoryRoot.find(explicit: root, from: current)
        templates = repository.appendingPathComponent("Templates")
        destination = .repository(repository)
        taken = TakenNames(
          registry: registry, registeredNames: [:],
          sourceFolders: [repository.appendingPathComponent("Packages")], base: repository)
      }
      let name = try ComponentName(name) { candidate in
        taken.clash(candidate, kind: kind).map { TakenNames.reason($0, candidate) }
      }
      let scaffolder = Scaffolder(templates: templates, destination: destination, taken: taken)
      let outcome = try scaffolder.plan(
        kind: kind, name: name, package: package, parameters: parameters, force: force)
      if dryRun {
        print(ScaffoldReport.dryRun(outcome), terminator: "")
      } else {
        try ScaffoldWriter(root: destination.root).write(outcome.plan)
        print(ScaffoldReport.done(outcome), terminator: "")
      }
    }
  }
}
