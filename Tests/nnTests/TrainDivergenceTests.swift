import Foundation
import Testing

/// Training that diverges stops naming the step, and writes no model with infinite or NaN weights.
@Suite("nn train diverging")
struct TrainDivergenceTests {
  @Test("a loss that becomes infinite stops the run with status 65, naming the iteration; the old model stays")
  func divergenceWritesNothing() throws {
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    try Data("an older model".utf8).write(to: URL(fileURLWithPath: path))
    let result = try CommandRunner.run(
      [
        "train", "--lr", "1000", "--loss", "mse", "--output-activation", "identity", "--epochs", "50",
        "--save", path, "--quiet",
      ])
    #expect(result.status == 65)
    let line = result.error.trimmingCharacters(in: .newlines)
    #expect(line.hasPrefix("nn train: error: the loss became "), "\(line)")
    #expect(
      line.range(of: #" at iteration [0-9]+; try a lower --lr \(now 1000\.0\)$"#, options: .regularExpression) != nil,
      "\(line)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "an older model")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"])
  }
}
