import ArgumentParser
import Foundation
import NNScaffolding

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
    do {
      let kind = try Scaffolder.kind(named: kind)
      let registry = try Plugins.registry()
      let destination: ScaffoldDestination
      if let packagePath {
        if package != nil {
          throw ScaffoldingError(
            .invalidRequest, "--package names a package of nn itself; with --package-path use --target")
        }
        destination = .userPackage(path: packagePath, target: target, checkout: root)
      } else {
        if target != nil {
          throw ScaffoldingError(.invalidRequest, "--target names a target of --package-path; pass both")
        }
        destination = .repository(checkout: root, package: package)
      }
      let scaffolder = Scaffolder(
        kind: kind, typeName: name, destination: destination, parameters: parameters, replacesExisting: force)
      let plan = try scaffolder.plan(registry: registry)
      if !dryRun { try plan.write() }
      print(dryRun ? plan.dryRunReport : plan.report, terminator: "")
    } catch let error as ScaffoldingError {
      throw New.reporting(error.message, status: New.exitStatus(error.category))
    } catch {
      throw New.reporting("\(error)", status: 70)
    }
  }

  /// The exit status of a scaffolding error, after sysexits: 64 usage, 65 data error, 66 no input, 73 cannot
  /// create, 74 input/output error.
  ///
  /// - Parameter category: The kind of problem.
  static func exitStatus(_ category: ScaffoldingError.Category) -> Int32 {
    switch category {
    case .invalidRequest: 64
    case .malformedInput: 65
    case .missingInput: 66
    case .cannotCreate: 73
    case .inputOutput: 74
    }
  }

  /// Prints `nn new: error: <message>` on standard error; returns the exit code to throw.
  private static func reporting(_ message: String, status: Int32) -> ExitCode {
    FileHandle.standardError.write(Data("nn new: error: \(message)\n".utf8))
    return ExitCode(status)
  }
}
