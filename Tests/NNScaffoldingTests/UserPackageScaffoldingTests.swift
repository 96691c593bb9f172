import Foundation
import NNCore
import NNScaffolding
import Testing

/// Scaffolding into a package of a user's, with the templates of a scratch checkout.
@Suite("Scaffolder into a package of yours")
struct UserPackageScaffoldingTests {
  @Test("the first component creates the plugin file with its registration, and the report says what to declare")
  func firstComponent() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    let scaffolder = Scaffolder(
      kind: .activation, typeName: "Mish",
      destination: .userPackage(path: "MyModels", checkout: fixture.root.path))
    let plan = try scaffolder.plan(registry: Registry(plugins: []), workingDirectory: fixture.outside)
    #expect(
      plan.files.map(\.path) == [
        "Sources/MyModels/Mish.swift", "Tests/MyModelsTests/MishTests.swift", "Sources/MyModels/MyModelsPlugin.swift",
      ])
    #expect(plan.dryRunReport.contains("--- would create Sources/MyModels/MyModelsPlugin.swift, with the registration"))
    try plan.write()
    let plugin = try #require(fixture.text("Sources/MyModels/MyModelsPlugin.swift", in: package))
    #expect(plugin.contains("MyModelsPlugin"))
    #expect(plugin.contains("registrar.register(activation: Mish.entry)"))
    #expect(plan.report.contains("declare the test target in Package.swift (Tests/MyModelsTests is new):"))
    #expect(plan.report.contains("Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, MyModelsPlugin.self])"))
  }

  @Test("several targets need a choice of target")
  func severalTargets() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    _ = try fixture.userPackage("Two", targets: ["First", "Second"])
    let registry = try Registry(plugins: [])
    let unchosen = Scaffolder(
      kind: .loss, typeName: "Robust", destination: .userPackage(path: "Two", checkout: fixture.root.path))
    let error = #expect(throws: ScaffoldingError.self) {
      try unchosen.plan(registry: registry, workingDirectory: fixture.outside)
    }
    #expect(error?.category == .invalidRequest)
    #expect(error?.message.contains("several targets under Sources/ (First, Second)") == true)
    let chosen = Scaffolder(
      kind: .loss, typeName: "Robust",
      destination: .userPackage(path: "Two", target: "Second", checkout: fixture.root.path))
    let plan = try chosen.plan(registry: registry, workingDirectory: fixture.outside)
    #expect(plan.files.first?.path == "Sources/Second/Robust.swift")
  }

  @Test("a type the package declares already is taken")
  func declaredType() throws {
    let fixture = try ScaffoldingFixture()
    defer { fixture.remove() }
    let package = try fixture.userPackage()
    try Data("struct Mish {}\n".utf8).write(to: package.appendingPathComponent("Sources/MyModels/Shapes.swift"))
    let scaffolder = Scaffolder(
      kind: .activation, typeName: "Mish",
      destination: .userPackage(path: package.path, checkout: fixture.root.path))
    let error = #expect(throws: ScaffoldingError.self) {
      try scaffolder.plan(registry: Registry(plugins: []), workingDirectory: fixture.outside)
    }
    #expect(error?.message == "the type name 'Mish' is declared already, in Sources/MyModels/Shapes.swift")
  }
}
