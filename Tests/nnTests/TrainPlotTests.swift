import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `nn train --plot`: the chart file is written after training, also when training stops early or reaches
/// the target loss, and is a well-formed SVG document with the series of the run.
@Suite("nn train --plot")
struct TrainPlotTests {
  /// The text of the `<text>` elements of a parsed SVG file.
  private func texts(ofSVGAt url: URL) throws -> (root: XMLElement, texts: [String]) {
    let document = try XMLDocument(contentsOf: url, options: [])
    let root = try #require(document.rootElement())
    let texts = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    return (root, texts)
  }

  @Test(
    "the chart names its series and axis, for each way a run ends",
    arguments: [
      (["--epochs", "40", "--test-fraction", "0.2"], "epoch", true),
      (["--epochs", "300", "--test-fraction", "0.2", "--lr", "0.5", "--patience", "5"], "epoch", true),
      (["--target-loss", "0.5", "--log-every", "50"], "epoch", false),
      (["--iterations", "12", "--log-every", "2"], "iteration", false),
    ] as [([String], String, Bool)])
  func writesChart(arguments: [String], axis: String, validation: Bool) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let url = directory.appendingPathComponent("run.svg")
    let result = try CommandRunner.run(["train", "--quiet", "--plot", url.path] + arguments)
    #expect(result.status == 0, "\(result.error)")
    let (root, texts) = try texts(ofSVGAt: url)
    #expect(root.name == "svg")
    #expect(texts.contains("training"))
    #expect(texts.contains("validation") == validation)
    #expect(texts.contains(axis), "\(texts)")
    #expect(texts.contains { $0.contains("4-12-6-3 on iris") })
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["run.svg"], "no temporary file is left behind")
  }

  @Test(
    "a plot path that is not an .svg file in an existing folder is refused before training",
    arguments: [
      ("chart.png", "ending in .svg"), ("/nonexistent/folder/chart.svg", "/nonexistent/folder does not exist"),
      (".svg", "ending in .svg"),
    ])
  func badPath(path: String, message: String) throws {
    let result = try CommandRunner.run(["train", "--quiet", "--plot", path])
    #expect(result.status == 64)
    #expect(result.error.contains("--plot"), "\(result.error)")
    #expect(result.error.contains(message), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1)
  }
}
