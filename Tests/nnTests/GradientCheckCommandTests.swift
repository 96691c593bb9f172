import Foundation
import Testing

/// `nn gradcheck`: every registered component's gradients against finite differences, through the tool.
@Suite("nn gradcheck")
struct GradientCheckCommandTests {
  @Test("every registered component and the small network pass")
  func everything() throws {
    let result = try CommandRunner.run(["gradcheck", "--json"])
    #expect(result.status == 0, "\(result.error)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.lastLine.utf8)) as? [[String: Any]])
    let kinds = Set(rows.compactMap { $0["kind"] as? String })
    #expect(kinds == ["activation", "loss", "layer", "network"])
    #expect(rows.count > 20)
    for row in rows {
      #expect(row["passed"] as? Bool == true, "\(row)")
      #expect(try #require(row["maximum_relative_error"] as? Double) < 1e-5)
    }
  }

  @Test("one component alone")
  func oneComponent() throws {
    let result = try CommandRunner.run(["gradcheck", "--component", "leaky_relu", "--json"])
    #expect(result.status == 0, "\(result.error)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.lastLine.utf8)) as? [[String: Any]])
    #expect(rows.count == 1)
    #expect((rows.first?["name"] as? String)?.hasPrefix("leaky_relu") == true)
  }

  @Test("an absurdly small tolerance fails with a non-zero status, and an unknown name is a usage error")
  func failures() throws {
    let strict = try CommandRunner.run(["gradcheck", "--component", "tanh", "--tolerance", "1e-300"])
    #expect(strict.status == 70)
    #expect(strict.output.contains("FAIL"))
    let unknown = try CommandRunner.run(["gradcheck", "--component", "rleu"])
    #expect(unknown.status == 64)
    #expect(unknown.error.contains("did you mean 'relu'"))
  }
}
