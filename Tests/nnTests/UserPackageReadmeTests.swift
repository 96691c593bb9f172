import Foundation
import Testing

/// The README's "In your own package" shows the example user package's files word for word: the end-to-end check
/// builds, tests and runs that package (Tests/Scaffolding/check-user-package.sh), so what a reader copies is what
/// is checked.
@Suite("README: in your own package")
struct UserPackageReadmeTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test(
    "each file of Tests/ExamplePlugin is a Swift block of the README",
    arguments: [
      "Package.swift", "Sources/Softsign/Softsign.swift", "Sources/Softsign/SoftsignPlugin.swift",
      "Tests/SoftsignTests/SoftsignTests.swift", "Sources/SoftsignDemo/main.swift",
    ])
  func fileIsShown(path: String) throws {
    let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let file = try String(
      contentsOf: Self.repository.appendingPathComponent("Tests/ExamplePlugin").appendingPathComponent(path),
      encoding: .utf8)
    let block = "```swift\n" + file.trimmingCharacters(in: .newlines) + "\n```"
    #expect(readme.contains(block), "README.md does not show Tests/ExamplePlugin/\(path) as it is")
  }

  @Test("the commands the check runs follow their marker, and scaffold into the package")
  func commandsAreMarked() throws {
    let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let marker = try #require(readme.range(of: "<!-- user-package-commands -->\n```sh\n"))
    let commands = readme[marker.upperBound...].prefix { $0 != "`" }
    #expect(commands.contains("swift test\n"))
    #expect(commands.contains("nn new activation Mish --package-path ."))
  }
}
