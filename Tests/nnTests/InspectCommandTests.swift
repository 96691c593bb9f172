import Foundation
import Testing

/// `nn inspect FILE.mat`: every variable with its class, dimensions and usability.
@Suite("nn inspect")
struct InspectCommandTests {
  /// A MAT fixture of the NNData tests.
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("NNDataTests/Fixtures/\(name)").path
  }

  @Test("lists every variable with its size, class and whether it is data")
  func text() throws {
    let result = try CommandRunner.run(["inspect", Self.fixture("mixed.mat")])
    #expect(result.status == 0)
    #expect(result.output.contains("MAT version 7, 7 variables"))
    let lines = result.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(lines.contains("samples 6x4 double yes"))
    #expect(lines.contains("note 1x11 char no: a string (char), not numbers"))
    #expect(lines.contains { $0.hasPrefix("info 1x1 struct no:") })
    #expect(lines.contains { $0.hasPrefix("sparse 3x3 sparse no:") })
    #expect(lines.contains { $0.hasPrefix("volume 2x2x2 double no: 3-D") })
  }

  @Test("--json gives the version and each variable's class, dimensions and usability")
  func json() throws {
    let result = try CommandRunner.run(["inspect", Self.fixture("samples_v73.mat"), "--json"])
    #expect(result.status == 0)
    let object = try result.json()
    #expect(object["version"] as? String == "7.3")
    let variables = try #require(object["variables"] as? [[String: Any]])
    let samples = try #require(variables.first { $0["name"] as? String == "samples" })
    #expect(samples["class"] as? String == "double")
    #expect(samples["dimensions"] as? [Int] == [6, 4])
    #expect(samples["usable"] as? Bool == true)
  }

  @Test("a missing file is 66, a file that is not MAT is 65, with one line on standard error")
  func errors() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = try CommandRunner.run(["inspect", directory.appendingPathComponent("none.mat").path])
    #expect(missing.status == 66)
    #expect(missing.error.hasPrefix("nn inspect: error: cannot read"))
    let junk = directory.appendingPathComponent("junk.mat")
    try Data("not a MAT file, just some text that is long enough".utf8).write(to: junk)
    let bad = try CommandRunner.run(["inspect", junk.path])
    #expect(bad.status == 65)
    #expect(bad.error.split(separator: "\n").count == 1, "only our message: \(bad.error)")
    #expect(bad.error.contains("junk.mat: not a MAT file"))
    let whole = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("samples_v73.mat")))
    let truncated = directory.appendingPathComponent("cut.mat")
    try whole.prefix(1500).write(to: truncated)
    let cut = try CommandRunner.run(["inspect", truncated.path])
    #expect(cut.status == 65)
    #expect(cut.error.split(separator: "\n").count == 1, "libmatio and HDF5 print nothing: \(cut.error)")
  }
}
