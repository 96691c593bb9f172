import Foundation
import Testing

/// `nn new` against a scratch copy of the templates and plugin files: what it writes, what it refuses, and that a
/// refusal leaves every file as it was.
@Suite("nn new")
struct NewCommandTests {
  static let softGateSource = "Packages/NNLayers/Sources/NNLayers/Activations/SoftGate.swift"
  static let softGateTest = "Tests/NNLayersTests/SoftGateTests.swift"
  static let layersPlugin = "Packages/NNLayers/Sources/NNLayers/NNLayersPlugin.swift"
  static let softGateRegistration = "    registrar.register(activation: SoftGate.entry)"

  @Test("--dry-run prints every file and the registration, and writes nothing")
  func dryRun() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let before = fixture.snapshot()
    let result = try fixture.new(["activation", "SoftGate", "--param", "beta=1.5", "--dry-run"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("would create \(Self.softGateSource)"))
    #expect(result.output.contains("would create \(Self.softGateTest)"))
    #expect(result.output.contains("public struct SoftGate: ElementwiseActivation"))
    #expect(result.output.contains("default: .number(1.5)"))
    #expect(result.output.contains("struct SoftGateTests"))
    #expect(result.output.contains("would insert into \(Self.layersPlugin), before // nn:registrations:end"))
    #expect(result.output.contains(Self.softGateRegistration))
    #expect(!result.output.contains("&quot;") && !result.output.contains("&amp;"), "the output is HTML-escaped")
    #expect(fixture.snapshot() == before)
  }

  @Test("writes the source, its test and one registration, then prints the next steps")
  func writes() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let result = try fixture.new(["activation", "LeakyGate"])
    #expect(result.status == 0, "\(result.error)")
    let source = try #require(fixture.text("Packages/NNLayers/Sources/NNLayers/Activations/LeakyGate.swift"))
    #expect(source.contains("public static let name = \"leaky_gate\""))
    #expect(source.hasPrefix("import NNCore\n"))
    #expect(fixture.text("Tests/NNLayersTests/LeakyGateTests.swift")?.contains("@Suite(\"LeakyGate\")") == true)
    let plugin = try #require(fixture.text(Self.layersPlugin))
    let lines = plugin.components(separatedBy: "\n")
    let registration = try #require(lines.firstIndex(of: "    registrar.register(activation: LeakyGate.entry)"))
    #expect(lines[registration + 1].contains("// nn:registrations:end"))
    for step in ["swift build", "swift test", "nn train --activation leaky_gate"] {
      #expect(result.output.contains(step), "missing next step \(step)")
    }
  }

  @Test("every kind renders into its default package")
  func everyKind() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let expected = [
      (
        "layer", "Gate", "Packages/NNLayers/Sources/NNLayers/Layers/Gate.swift", "registrar.register(layer: Gate.entry)"
      ),
      ("loss", "Robust", "Packages/NNLayers/Sources/NNLayers/Losses/Robust.swift", "register(loss: Robust.entry)"),
      ("optimizer", "Rule", "Packages/NNOptim/Sources/NNOptim/Rule.swift", "register(optimizer: Rule.entry)"),
      (
        "initializer", "Draw", "Packages/NNLayers/Sources/NNLayers/Initializers/Draw.swift", "(initializer: Draw.entry)"
      ),
    ]
    for (kind, name, path, registration) in expected {
      let result = try fixture.new([kind, name])
      #expect(result.status == 0, "\(kind): \(result.error)")
      #expect(fixture.text(path) != nil, "\(kind): no \(path)")
      let plugins = ScaffoldFixture.pluginPaths.compactMap(fixture.text).joined()
      #expect(plugins.contains(registration))
    }
  }

  @Test("a second run refuses without --force and changes nothing")
  func secondRunRefuses() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    #expect(try fixture.new(["activation", "SoftGate"]).status == 0)
    let before = fixture.snapshot()
    let again = try fixture.new(["activation", "SoftGate"])
    #expect(again.status == 73)
    #expect(again.error.contains("exists already") && again.error.contains("--force"))
    #expect(fixture.snapshot() == before)
  }

  @Test("--force replaces the files and does not register twice")
  func force() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    #expect(try fixture.new(["activation", "SoftGate"]).status == 0)
    let result = try fixture.new(["activation", "SoftGate", "--force", "--param", "beta=2"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("replaced \(Self.softGateSource)"))
    #expect(fixture.text(Self.softGateSource)?.contains("default: .number(2.0)") == true)
    let plugin = try #require(fixture.text(Self.layersPlugin))
    #expect(plugin.components(separatedBy: "SoftGate.entry").count == 2, "registered once")
  }

  @Test(
    "invalid type names are usage errors, with a correction when one is obvious",
    arguments: [
      ("soft_gate", "did you mean 'SoftGate'"), ("leaky_gate", "did you mean 'LeakyGate'"),
      ("2SoftGate", "UpperCamelCase"),
      ("SoftGate!", "UpperCamelCase"), ("Double", "already uses"), ("Café", "UpperCamelCase"),
    ])
  func invalidNames(name: String, message: String) throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let before = fixture.snapshot()
    let result = try fixture.new(["activation", name])
    #expect(result.status == 64)
    #expect(result.error.contains(message), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1)
    #expect(fixture.snapshot() == before)
  }

  @Test(
    "registered names are refused, also with --force",
    arguments: [
      ["activation", "Sigmoid"], ["layer", "Dense"], ["layer", "Sigmoid"], ["optimizer", "SGD", "--force"],
    ])
  func takenNames(arguments: [String]) throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let before = fixture.snapshot()
    let result = try fixture.new(arguments)
    #expect(result.status == 64)
    #expect(result.error.contains("is taken"), "\(result.error)")
    #expect(!result.error.contains("did you mean"))
    #expect(fixture.snapshot() == before)
  }

  @Test("unknown kinds and packages list what is accepted")
  func unknownKindAndPackage() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let kind = try fixture.new(["activaton", "SoftGate"])
    #expect(kind.status == 64)
    #expect(kind.error.contains("did you mean 'activation'"))
    #expect(kind.error.contains("activation, layer, loss, optimizer, initializer"))
    let package = try fixture.new(["loss", "Robust", "--package", "NNData"])
    #expect(package.status == 64)
    #expect(package.error.contains("accepted: NNLayers, NNOptim"))
    let parameter = try fixture.new(["activation", "SoftGate", "--param", "gamma=1"])
    #expect(parameter.status == 64)
    #expect(parameter.error.contains("accepted: beta"))
    let value = try fixture.new(["optimizer", "Rule", "--param", "decay=1.5"])
    #expect(value.status == 64)
    #expect(value.error.contains("[0, 1)"))
  }

  @Test("a missing template folder or repository is missing input")
  func missingInput() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("Templates/loss"))
    let result = try fixture.new(["loss", "Robust"])
    #expect(result.status == 66)
    #expect(result.error.contains("Templates/loss"))
    let empty = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: empty) }
    let outside = try CommandRunner.run(["new", "activation", "SoftGate"], in: empty)
    #expect(outside.status == 66)
    #expect(outside.error.contains("--root"))
    let rooted = try CommandRunner.run(["new", "activation", "SoftGate", "--root", fixture.root.path], in: empty)
    #expect(rooted.status == 0, "\(rooted.error)")
  }

  @Test("a malformed manifest or template is a data error naming the file")
  func malformedTemplate() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let manifest = fixture.root.appendingPathComponent("Templates/layer/manifest.json")
    try Data(#"{ "kind": "layer" }"#.utf8).write(to: manifest)
    let result = try fixture.new(["layer", "Gate"])
    #expect(result.status == 65)
    #expect(result.error.contains("manifest.json is malformed: missing"), "\(result.error)")
    let template = fixture.root.appendingPathComponent("Templates/loss/Component.swift.mustache")
    try Data("{{#open}} never closed".utf8).write(to: template)
    let broken = try fixture.new(["loss", "Robust"])
    #expect(broken.status == 65)
    #expect(broken.error.contains("Component.swift.mustache"), "\(broken.error)")
    #expect(fixture.text("Packages/NNLayers/Sources/NNLayers/Losses/Robust.swift") == nil)
  }

  @Test("an unwritable test folder: nothing is left half-written")
  func unwritable() throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let blocker = fixture.root.appendingPathComponent("Tests/NNLayersTests")
    try FileManager.default.createDirectory(at: blocker.deletingLastPathComponent(), withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data("not a folder".utf8)))
    let before = fixture.snapshot()
    let result = try fixture.new(["activation", "SoftGate"])
    #expect(result.status == 73)
    #expect(result.error.contains("SoftGateTests.swift"), "\(result.error)")
    #expect(fixture.snapshot() == before)
  }
}

/// How `nn new` derives registry names from type names.
@Suite("nn new: registry names")
struct NewCommandNamingTests {
  @Test(
    "the registry name is the type name in lower_snake",
    arguments: [("LeakyGate", "leaky_gate"), ("HTTPGate", "http_gate"), ("SoftGate2", "soft_gate2"), ("Gate", "gate")])
  func lowerSnake(typeName: String, registryName: String) throws {
    let fixture = try ScaffoldFixture()
    defer { fixture.remove() }
    let result = try fixture.new(["activation", typeName, "--dry-run"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("public static let name = \"\(registryName)\""))
  }
}
