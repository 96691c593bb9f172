import Foundation
import NNCore
import NNScaffolding
import Testing

/// Planning and writing a component into a scratch checkout of nn, through the public API only.
@Suite("Scaffolder into a checkout")
struct ScaffolderTests {
  static let source = "Packages/NNLayers/Sources/NNLayers/Activations/SoftGate.swift"
  static let test = "Tests/NNLayersTests/SoftGateTests.swift"
  static let registration = "    registrar.register(activation: SoftGate.entry)"

  /// A registry naming nothing, so only the checkout's own files can make a name taken.
  static func emptyRegistry() throws -> Registry { try Registry(plugins: []) }

  /// `SoftGate`, an activation, into the fixture's checkout.
  static func softGate(_ fixture: ScaffoldingFixture, parameters: [String] = [], replacing: Bool = false) -> Scaffolder
  {
    Scaffolder(
      kind: .activation, typeName: "SoftGate", destination: .repository(checkout: fixture.root.path),
      parameters: parameters, replacesExisting: replacing)
  }

  @Test("planning renders the source, its test and the plugin file, and writes nothing")
  func planWritesNothing() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let before = fixture.snapshot()
    let plan = try Self.softGate(fixture).plan(registry: Self.emptyRegistry(), workingDirectory: fixture.outside)
    #expect(fixture.snapshot() == before)
    #expect(plan.files.map(\.path) == [Self.source, Self.test, ScaffoldingFixture.layersPlugin])
    #expect(plan.registryName == "soft_gate")
    #expect(plan.root.standardizedFileURL.path == fixture.root.standardizedFileURL.path)
    let plugin = try #require(plan.files.last?.contents).components(separatedBy: "\n")
    let line = try #require(plugin.firstIndex(of: Self.registration))
    #expect(plugin[line + 1].trimmingCharacters(in: .whitespaces) == "// nn:registrations:end")
    #expect(plan.dryRunReport.contains("--- would create \(Self.source)\n"))
    #expect(plan.dryRunReport.hasSuffix("dry run: nothing written\n"))
  }

  @Test("writing puts exactly the planned text in each file, and the report names them")
  func writes() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let plan = try Self.softGate(fixture).plan(registry: Self.emptyRegistry(), workingDirectory: fixture.outside)
    try plan.write()
    for file in plan.files { #expect(fixture.text(file.path) == file.contents, "\(file.path)") }
    #expect(plan.report.hasPrefix("created \(Self.source)\ncreated \(Self.test)\n"))
    #expect(plan.report.contains("swift test --filter 'SoftGateTests|ConformanceTests'"))
  }

  @Test("a second plan refuses to replace files; replacing leaves the plugin file alone")
  func secondPlan() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let registry = try Self.emptyRegistry()
    try Self.softGate(fixture).plan(registry: registry, workingDirectory: fixture.outside).write()
    let error = #expect(throws: ScaffoldingError.self) {
      try Self.softGate(fixture).plan(registry: registry, workingDirectory: fixture.outside)
    }
    #expect(error?.category == .cannotCreate)
    #expect(error?.message == "\(Self.source) exists already; pass --force to replace it")
    let again = try Self.softGate(fixture, replacing: true).plan(registry: registry, workingDirectory: fixture.outside)
    #expect(again.files.map(\.path) == [Self.source, Self.test])
    let plugin = try #require(fixture.text(ScaffoldingFixture.layersPlugin))
    #expect(plugin.components(separatedBy: Self.registration).count == 2, "registered once")
  }

  @Test("a parameter's default reaches the generated code; bad ones are refused")
  func parameters() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let registry = try Self.emptyRegistry()
    let plan = try Self.softGate(fixture, parameters: ["beta=1.5"]).plan(
      registry: registry, workingDirectory: fixture.outside)
    #expect(plan.files[0].contents.contains("default: .number(1.5)"))
    for bad in ["beta", "gamma=1", "beta=abc"] {
      let error = #expect(throws: ScaffoldingError.self) {
        try Self.softGate(fixture, parameters: [bad]).plan(registry: registry, workingDirectory: fixture.outside)
      }
      #expect(error?.category == .invalidRequest, "\(bad)")
    }
  }

  @Test("names registered in the registry are taken within their namespace only")
  func takenNames() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let registry = try Registry(plugins: [TakenNamesPlugin.self])
    let destination = ScaffoldDestination.repository(checkout: fixture.root.path)
    for kind in [ComponentKind.activation, .layer] {
      let error = #expect(throws: ScaffoldingError.self) {
        try Scaffolder(kind: kind, typeName: "SoftClip", destination: destination)
          .plan(registry: registry, workingDirectory: fixture.outside)
      }
      #expect(error?.category == .invalidRequest)
      #expect(error?.message.contains("'soft_clip'") == true, "\(kind)")
    }
    let loss = try Scaffolder(kind: .loss, typeName: "SoftClip", destination: destination)
      .plan(registry: registry, workingDirectory: fixture.outside)
    #expect(loss.registryName == "soft_clip")
  }

  @Test("kinds are found by singular or plural name, with a suggestion for a misspelling")
  func kinds() throws {
    #expect(try Scaffolder.kind(named: "activations") == .activation)
    #expect(try Scaffolder.kind(named: "loss") == .loss)
    let error = #expect(throws: ScaffoldingError.self) { try Scaffolder.kind(named: "activaton") }
    #expect(error?.category == .invalidRequest)
    #expect(error?.message.contains("did you mean 'activation'?") == true)
  }

  @Test("a missing checkout or package is missing input; a misspelled type name is corrected")
  func refusals() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let registry = try Self.emptyRegistry()
    let requests: [(Scaffolder, ScaffoldingError.Category, String)] = [
      (
        Scaffolder(kind: .loss, typeName: "Robust", destination: .repository(checkout: "nowhere")),
        .missingInput, "--root nowhere: no Templates/ folder"
      ),
      (
        Scaffolder(kind: .loss, typeName: "Robust", destination: .userPackage(path: "nowhere")),
        .missingInput, "--package-path nowhere: no Package.swift"
      ),
      (
        Scaffolder(kind: .loss, typeName: "soft_gate", destination: .repository(checkout: fixture.root.path)),
        .invalidRequest, "(did you mean 'SoftGate'?)"
      ),
      (
        Scaffolder(
          kind: .loss, typeName: "Robust", destination: .repository(checkout: fixture.root.path, package: "NNData")),
        .invalidRequest, "unknown package 'NNData'"
      ),
    ]
    for (scaffolder, category, words) in requests {
      let error = #expect(throws: ScaffoldingError.self) {
        try scaffolder.plan(registry: registry, workingDirectory: fixture.outside)
      }
      #expect(error?.category == category, "\(scaffolder.destination)")
      #expect(error?.description.contains(words) == true, "\(error?.description ?? "")")
    }
  }

  @Test("a failed write undoes what it wrote")
  func rollBack() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    // A folder where the test file goes: replacing it cannot read its old text, after the source is written.
    try FileManager.default.createDirectory(
      at: fixture.root.appendingPathComponent(Self.test), withIntermediateDirectories: true)
    let before = fixture.snapshot()
    let plan = try Self.softGate(fixture, replacing: true).plan(
      registry: Self.emptyRegistry(), workingDirectory: fixture.outside)
    let error = #expect(throws: ScaffoldingError.self) { try plan.write() }
    #expect(error?.category == .inputOutput)
    #expect(fixture.snapshot() == before)
  }
}
