import Foundation
import Testing

/// `nn new … --package-path` against a scratch user package made by the fixture, run outside any checkout (so with
/// the templates shipped beside the tool); and the honesty of names and suggestions in both modes.
extension NewCommandTests {
  static let plugin = "Sources/MyModels/MyModelsPlugin.swift"

  @Test("a user's package: the first component creates the plugin file, with the markers, and its test target")
  func userPackageFirstComponent() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    let result = try fixture.new(["activation", "Mish"], package: package)
    #expect(result.status == 0, "\(result.error)")
    let source = try #require(fixture.text("Sources/MyModels/Mish.swift", in: package))
    #expect(source.hasPrefix("import NNCore\nimport NNLayers\n"))
    #expect(source.contains("public struct Mish: ElementwiseActivation"))
    #expect(source.contains("public static let name = \"mish\""))
    #expect(source.contains("/// Mish: an elementwise activation whose body is still the template's example, x·σ(βx)."))
    let test = try #require(fixture.text("Tests/MyModelsTests/MishTests.swift", in: package))
    #expect(test.hasPrefix("import MyModels\nimport NNCore\nimport NNLayers\nimport NNOptim\nimport Testing\n"))
    #expect(test.contains("try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, MyModelsPlugin.self])"))
    #expect(test.contains("let report = try ConformanceCheck(registry: registry).run(component: \"mish\")"))
    #expect(test.contains("#expect(report.passed, \"\\(report)\")"))
    let plugin = try #require(fixture.text(Self.plugin, in: package))
    #expect(plugin.contains("public enum MyModelsPlugin: Plugin {"))
    #expect(plugin.contains("/// Registers the components of MyModels"))
    let lines = plugin.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    let begin = try #require(lines.firstIndex(of: "// nn:registrations:begin"))
    let signature = try #require(lines.firstIndex { $0.hasPrefix("public static func register(in registrar:") })
    #expect(signature < begin)
    #expect(lines[begin + 1] == "registrar.register(activation: Mish.entry)")
    #expect(lines[begin + 2] == "// nn:registrations:end")
    #expect(result.output.contains("created \(Self.plugin)"))
    #expect(result.output.contains("swift build"))
    #expect(result.output.contains("swift test --filter MishTests"))
    #expect(result.output.contains(".testTarget("))
    #expect(result.output.contains("name: \"MyModelsTests\""))
    #expect(result.output.contains(".product(name: \"NNOptim\", package: \"nn\")"))
    #expect(!result.output.contains("nn train"), "the tool's registry does not know a user's component")
  }

  @Test("a user's package: the second component's registration goes between the markers, after the first")
  func userPackageSecondComponent() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    #expect(try fixture.new(["activation", "Mish"], package: package).status == 0)
    let result = try fixture.new(["loss", "Robust", "--param", "delta=0.5"], package: package)
    #expect(result.status == 0, "\(result.error)")
    #expect(!result.output.contains("created \(Self.plugin)"))
    #expect(!result.output.contains(".testTarget("), "the test folder exists already")
    #expect(result.output.contains("registered loss 'robust' in \(Self.plugin)"))
    let plugin = try #require(fixture.text(Self.plugin, in: package))
    let lines = plugin.components(separatedBy: "\n")
    let end = try #require(lines.firstIndex(of: "    // nn:registrations:end"))
    #expect(lines[end - 2] == "    registrar.register(activation: Mish.entry)")
    #expect(lines[end - 1] == "    registrar.register(loss: Robust.entry)")
    #expect(plugin.components(separatedBy: "enum MyModelsPlugin").count == 2, "one plugin type")
    #expect(fixture.text("Sources/MyModels/Robust.swift", in: package)?.contains("default: .number(0.5)") == true)
  }

  @Test("a user's package: --dry-run shows the new plugin file and writes nothing")
  func userPackageDryRun() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    let before = fixture.snapshot(of: package)
    let result = try fixture.new(["optimizer", "Rule", "--dry-run"], package: package)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("would create Sources/MyModels/Rule.swift"))
    #expect(result.output.contains("would create \(Self.plugin), with the registration"))
    #expect(result.output.contains("registrar.register(optimizer: Rule.entry)"))
    #expect(fixture.snapshot(of: package) == before)
  }

  @Test("a folder without Package.swift is missing input, naming the path")
  func userPackageWithoutManifest() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage(manifest: false)
    let before = fixture.snapshot(of: package)
    let result = try fixture.new(["activation", "Mish"], package: package)
    #expect(result.status == 66)
    #expect(result.error.contains(package.path) && result.error.contains("Package.swift"), "\(result.error)")
    #expect(fixture.snapshot(of: package) == before)
    let nowhere = try fixture.new(["activation", "Mish"], package: fixture.outside.appendingPathComponent("Absent"))
    #expect(nowhere.status == 66)
    #expect(nowhere.error.contains("Absent"))
  }

  @Test("several targets: a usage error listing them, unless --target picks one")
  func userPackageTargets() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage(targets: ["Alpha", "Beta"])
    let before = fixture.snapshot(of: package)
    let ambiguous = try fixture.new(["activation", "Mish"], package: package)
    #expect(ambiguous.status == 64)
    #expect(ambiguous.error.contains("Alpha, Beta") && ambiguous.error.contains("--target"), "\(ambiguous.error)")
    let unknown = try fixture.new(["activation", "Mish", "--target", "Gamma"], package: package)
    #expect(unknown.status == 64)
    #expect(unknown.error.contains("Sources/Gamma") && unknown.error.contains("Alpha, Beta"), "\(unknown.error)")
    #expect(fixture.snapshot(of: package) == before)
    let chosen = try fixture.new(["activation", "Mish", "--target", "Beta"], package: package)
    #expect(chosen.status == 0, "\(chosen.error)")
    #expect(fixture.text("Sources/Beta/BetaPlugin.swift", in: package)?.contains("enum BetaPlugin: Plugin") == true)
    #expect(fixture.text("Tests/BetaTests/MishTests.swift", in: package)?.contains("import Beta\n") == true)
    #expect(fixture.text("Sources/Alpha/Mish.swift", in: package) == nil)
  }

  @Test("a library target and an executable one: the library is the default")
  func userPackageLibraryIsDefault() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage(targets: ["Models", "Demo"])
    try Data("print(1)\n".utf8).write(to: package.appendingPathComponent("Sources/Demo/main.swift"))
    let result = try fixture.new(["activation", "Mish"], package: package)
    #expect(result.status == 0, "\(result.error)")
    #expect(fixture.text("Sources/Models/Mish.swift", in: package) != nil)
    #expect(fixture.text("Sources/Demo/Mish.swift", in: package) == nil)
  }

  @Test("a plugin file without the markers is refused, saying where to put them, and left as it was")
  func userPackagePluginWithoutMarkers() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    let handWritten = """
      import NNCore

      /// Registers nothing yet.
      public enum MyModelsPlugin: Plugin {
        /// Adds nothing.
        public static func register(in registrar: inout Registrar) {}
      }

      """
    try Data(handWritten.utf8).write(to: package.appendingPathComponent(Self.plugin))
    let before = fixture.snapshot(of: package)
    let result = try fixture.new(["activation", "Mish"], package: package)
    #expect(result.status == 65)
    for part in [Self.plugin, "// nn:registrations:begin", "// nn:registrations:end", "MyModelsPlugin.register(in:)"] {
      #expect(result.error.contains(part), "\(result.error) lacks \(part)")
    }
    #expect(fixture.snapshot(of: package) == before)
  }

  @Test("a user's package: names registered in its plugin file or declared in its sources are taken")
  func userPackageTakenNames() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    let builtIn = try fixture.new(["activation", "Sigmoid"], package: package)
    #expect(builtIn.status == 64)
    #expect(builtIn.error.contains("is taken: a registered activation"), "\(builtIn.error)")
    #expect(try fixture.new(["activation", "Mish"], package: package).status == 0)
    let plugin = package.appendingPathComponent(Self.plugin)
    let registered = try #require(fixture.text(Self.plugin, in: package)).replacingOccurrences(
      of: "    // nn:registrations:end",
      with: "    registrar.register(loss: ComponentEntry(name: \"gate_loss\", summary: \"s\") { _ in GL() })\n"
        + "    // nn:registrations:end")
    try Data(registered.utf8).write(to: plugin)
    try Data("struct Helper {}\n".utf8).write(to: package.appendingPathComponent("Sources/MyModels/Helper.swift"))
    let before = fixture.snapshot(of: package)
    let byName = try fixture.new(["loss", "GateLoss"], package: package)
    #expect(byName.status == 64)
    #expect(byName.error.contains("'gate_loss' (from GateLoss) is taken: \(Self.plugin) registers it"))
    let declared = try fixture.new(["layer", "Helper"], package: package)
    #expect(declared.status == 64)
    #expect(declared.error.contains("'Helper' is declared already, in Sources/MyModels/Helper.swift"))
    let lowercase = try fixture.new(["loss", "mish"], package: package)
    #expect(lowercase.status == 64)
    #expect(!lowercase.error.contains("did you mean"), "\(lowercase.error)")
    #expect(lowercase.error.contains("the obvious correction 'Mish' is taken too"), "\(lowercase.error)")
    #expect(fixture.snapshot(of: package) == before)
  }

  @Test("a user's package: a failed write removes the new plugin file and folders")
  func userPackageRollBack() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    #expect(FileManager.default.createFile(atPath: package.appendingPathComponent("Tests").path, contents: Data()))
    let before = fixture.snapshot(of: package)
    let result = try fixture.new(["activation", "Mish"], package: package)
    #expect(result.status == 73, "\(result.error)")
    #expect(fixture.snapshot(of: package) == before)
  }

  @Test("run inside a checkout, --package-path renders that checkout's templates, not the bundled copy")
  func userPackageCheckoutTemplates() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    let template = fixture.root.appendingPathComponent("Templates/initializer/Component.swift.mustache")
    let edited = try #require(fixture.text("Templates/initializer/Component.swift.mustache")) + "// edited here\n"
    try Data(edited.utf8).write(to: template)
    let inside = try CommandRunner.run(
      ["new", "initializer", "Draw", "--package-path", package.path], in: fixture.root)
    #expect(inside.status == 0, "\(inside.error)")
    #expect(fixture.text("Sources/MyModels/Draw.swift", in: package)?.hasSuffix("// edited here\n") == true)
    let outside = try fixture.new(["initializer", "Spread"], package: package)
    #expect(outside.status == 0, "\(outside.error)")
    #expect(fixture.text("Sources/MyModels/Spread.swift", in: package)?.contains("// edited here") == false)
  }

  @Test(
    "every kind says, in its doc comment and in the output, that it computes the template's example",
    arguments: [
      ("activation", "x·σ(βx)", "value(_:) and derivative(input:output:)"),
      ("layer", "y = x ⊙ γ + β", "parameterShapes(inputWidth:), forward and backward"),
      ("loss", "pseudo-Huber", "term(_:)"),
      ("optimizer", "RMSprop", "update(_:gradients:slots:stepsTaken:learningRate:)"),
      ("initializer", "w ~ N(0, gain²/fan_in)", "initialize(_:fanIn:fanOut:random:)"),
    ])
  func honestNames(kind: String, formula: String, replace: String) throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    for result in [try fixture.new([kind, "Mish"]), try fixture.new([kind, "Mish"], package: package)] {
      #expect(result.status == 0, "\(result.error)")
      #expect(result.output.contains("Mish computes the template's example \(formula)"), "\(result.output)")
      #expect(result.output.contains("until you replace \(replace)"), "\(result.output)")
      #expect(result.output.contains("until then 'mish' names that example"))
    }
    let source = try #require(fixture.text("Sources/MyModels/Mish.swift", in: package))
    let summary = try #require(source.components(separatedBy: "\n").first { $0.hasPrefix("/// ") })
    #expect(summary.hasPrefix("/// Mish: ") && summary.contains("whose body is still the template's example"))
    #expect(source.contains("summary: \"the template's example"), "the registry summary says so too")
  }

  @Test(
    "an invalid name whose obvious correction is taken gets no suggestion, but the reason",
    arguments: [
      ("relu", "Relu", "'relu' is a registered activation"), ("sgd", "Sgd", "'sgd' is a registered optimizer"),
    ]
  )
  func takenCorrections(name: String, correction: String, reason: String) throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let kind = correction == "Sgd" ? "optimizer" : "activation"
    let result = try fixture.new([kind, name])
    #expect(result.status == 64)
    #expect(!result.error.contains("did you mean"), "\(result.error)")
    #expect(result.error.contains("the obvious correction '\(correction)' is taken too (the name \(reason))"))
    #expect(result.error.split(separator: "\n").count == 1)
  }
}
