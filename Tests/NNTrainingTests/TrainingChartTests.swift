import Foundation
import Testing

@testable import NNTraining

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The SVG training chart: a well-formed document whose panels, legend, ticks and lines say what the data says.
@Suite("training chart")
struct TrainingChartTests {
  /// The chart parsed as XML; fails the test when it is not well-formed.
  static func parse(_ chart: TrainingChart) throws -> XMLElement {
    let document = try XMLDocument(xmlString: chart.svg(), options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "svg")
    return root
  }

  /// Every element under `element` (itself included) named `name`, in document order.
  static func elements(_ name: String, in element: XMLElement) -> [XMLElement] {
    let own = element.name == name ? [element] : []
    let children = (element.children ?? []).compactMap { $0 as? XMLElement }
    return own + children.flatMap { elements(name, in: $0) }
  }

  /// The elements named `name` whose `class` attribute is `className`.
  static func elements(_ name: String, class className: String, in element: XMLElement) -> [XMLElement] {
    elements(name, in: element).filter { attribute("class", of: $0) == className }
  }

  /// The value of attribute `name` (looked up in the attribute list, as `attribute(forName:)` finds nothing
  /// on an element in a default namespace with some Foundation versions).
  static func attribute(_ name: String, of element: XMLElement) -> String? {
    element.attributes?.first { $0.name == name }?.stringValue
  }

  /// The runs of a path's `d`: each `M` starts a run of (x, y) points.
  static func runs(of path: String) -> [[(x: Double, y: Double)]] {
    path.split(separator: "M").map { run in
      run.split(separator: "L").map { pair in
        let numbers = pair.split(separator: " ").compactMap { Double($0) }
        return (numbers[0], numbers[1])
      }
    }
  }

  /// The plot area rectangle of the panel `identifier`.
  static func plotArea(_ identifier: String, in root: XMLElement) throws -> ChartRect {
    let panel = try #require(elements("g", in: root).first { attribute("data-panel", of: $0) == identifier })
    let rect = try #require(elements("rect", class: "plot-area", in: panel).first)
    let number = { (name: String) in Double(attribute(name, of: rect) ?? "") ?? .nan }
    return ChartRect(x: number("x"), y: number("y"), width: number("width"), height: number("height"))
  }

  /// A noisy, decreasing classification history over `epochs` epochs.
  static func classification(epochs: Int) -> TrainingChart {
    let epochsRange = 1...epochs
    let loss = epochsRange.map { ChartPoint(x: Double($0), y: 1.1 * exp(-Double($0) / 40) + 0.05) }
    let validationLoss = epochsRange.map { ChartPoint(x: Double($0), y: 1.15 * exp(-Double($0) / 45) + 0.08) }
    let accuracy = epochsRange.map { ChartPoint(x: Double($0), y: 0.98 - 0.6 * exp(-Double($0) / 30)) }
    return TrainingChart(
      title: "4-12-6-3 on iris", xAxisLabel: "epoch",
      loss: [
        ChartSeries(name: "training", points: loss),
        ChartSeries(name: "validation", points: validationLoss, isDashed: true),
      ],
      accuracy: [
        ChartSeries(name: "training", points: accuracy),
        ChartSeries(name: "validation", points: accuracy.map { ChartPoint(x: $0.x, y: $0.y - 0.03) }, isDashed: true),
      ])
  }

  @Test("classification: a scalable white document, two panels, a legend naming both series, dashed validation")
  func classification() throws {
    let root = try Self.parse(Self.classification(epochs: 200))
    #expect(Self.attribute("viewBox", of: root)?.hasPrefix("0 0 800 ") == true)
    #expect(Self.attribute("font-family", of: root)?.hasSuffix("sans-serif") == true)
    let background = try #require(Self.elements("rect", in: root).first)
    #expect(Self.attribute("fill", of: background) == "#ffffff")
    let panels = Self.elements("g", class: "panel", in: root).compactMap { Self.attribute("data-panel", of: $0) }
    #expect(panels == ["loss", "accuracy"])
    #expect(Self.elements("text", class: "title", in: root).first?.stringValue == "4-12-6-3 on iris")
    #expect(Self.elements("text", class: "legend-entry", in: root).map(\.stringValue) == ["training", "validation"])
    #expect(Self.elements("text", class: "x-label", in: root).first?.stringValue == "epoch")
    let yLabels = Self.elements("text", class: "y-label", in: root).map(\.stringValue)
    #expect(yLabels == ["loss", "accuracy"])
    let xTicks = Self.elements("text", class: "x-tick", in: root).compactMap(\.stringValue)
    #expect(xTicks == ["0", "20", "40", "60", "80", "100", "120", "140", "160", "180", "200"])

    let paths = Self.elements("path", in: root)
    #expect(paths.count == 4)
    let training = paths.filter { Self.attribute("stroke-dasharray", of: $0) == nil }
    let validation = paths.filter { Self.attribute("stroke-dasharray", of: $0) != nil }
    #expect(training.count == 2 && validation.count == 2)
    let trainingColours = Set(training.compactMap { Self.attribute("stroke", of: $0) })
    let validationColours = Set(validation.compactMap { Self.attribute("stroke", of: $0) })
    #expect(trainingColours.count == 1 && validationColours.count == 1 && trainingColours != validationColours)
    let legendLines = Self.elements("line", in: root).filter { $0.parent.map { ($0 as? XMLElement)?.name } == "g" }
      .filter { (($0.parent as? XMLElement).flatMap { Self.attribute("class", of: $0) }) == "legend" }
    #expect(legendLines.map { Self.attribute("stroke", of: $0) } == [trainingColours.first, validationColours.first])
    #expect(legendLines.map { Self.attribute("stroke-dasharray", of: $0) != nil } == [false, true])
  }

  @Test("the accuracy axis is labelled in percent and stays within 0…100%")
  func accuracyAxis() throws {
    let root = try Self.parse(Self.classification(epochs: 200))
    let panel = try #require(
      Self.elements("g", class: "panel", in: root).first { Self.attribute("data-panel", of: $0) == "accuracy" })
    let labels = Self.elements("text", class: "y-tick", in: panel).compactMap(\.stringValue)
    #expect(labels == ["0%", "20%", "40%", "60%", "80%", "100%"])
  }

  @Test("regression: the loss panel only")
  func regression() throws {
    let points = (0..<50).map { ChartPoint(x: Double($0 * 10), y: 3 / Double($0 + 1)) }
    let chart = TrainingChart(
      title: "1-8-1 on sine", xAxisLabel: "iteration", loss: [ChartSeries(name: "training", points: points)],
      accuracy: [], lossAxisLabel: "mean squared error")
    let root = try Self.parse(chart)
    let panels = Self.elements("g", class: "panel", in: root).compactMap { Self.attribute("data-panel", of: $0) }
    #expect(panels == ["loss"])
    #expect(!Self.elements("text", in: root).contains { $0.stringValue == "accuracy" })
    #expect(Self.elements("text", class: "y-label", in: root).map(\.stringValue) == ["mean squared error"])
  }

  @Test("a known point is drawn at its place: (5, 0.5) on axes 0…10 and 0…1 is the middle of the plot area")
  func mapping() throws {
    let points = [ChartPoint(x: 0, y: 0), ChartPoint(x: 5, y: 0.5), ChartPoint(x: 10, y: 1)]
    let chart = TrainingChart(
      title: "t", xAxisLabel: "epoch", loss: [ChartSeries(name: "training", points: points)], accuracy: [])
    let root = try Self.parse(chart)
    let area = try Self.plotArea("loss", in: root)
    let path = try #require(Self.elements("path", in: root).first.flatMap { Self.attribute("d", of: $0) })
    let drawn = try #require(Self.runs(of: path).first)
    let expected = [(area.x, area.bottom), (area.x + area.width / 2, area.y + area.height / 2), (area.right, area.y)]
    #expect(drawn.count == 3)
    for (point, wanted) in zip(drawn, expected) {
      #expect(abs(point.x - wanted.0) <= 0.06 && abs(point.y - wanted.1) <= 0.06, "\(point) should be \(wanted)")
    }
  }

  @Test("loss from 1 to 1e-4 is drawn on a logarithmic axis with decade ticks; 2 to 0.05 is not")
  func logarithmicLoss() throws {
    let falling = (0...100).map { ChartPoint(x: Double($0), y: pow(10, -Double($0) / 25)) }
    let chart = TrainingChart(
      title: "t", xAxisLabel: "epoch", loss: [ChartSeries(name: "training", points: falling)], accuracy: [])
    let root = try Self.parse(chart)
    #expect(Self.elements("text", class: "y-label", in: root).first?.stringValue == "loss (log scale)")
    let ticks = Self.elements("text", class: "y-tick", in: root).compactMap(\.stringValue)
    #expect(ticks == ["1e-4", "0.001", "0.01", "0.1", "1"])
    // 10^-2 at epoch 50 lies half way up.
    let area = try Self.plotArea("loss", in: root)
    let path = try #require(Self.elements("path", in: root).first.flatMap { Self.attribute("d", of: $0) })
    let middle = try #require(Self.runs(of: path).first?[50])
    #expect(abs(middle.y - (area.y + area.height / 2)) <= 0.06)

    let gentle = (0...100).map { ChartPoint(x: Double($0), y: 2 - 1.95 * Double($0) / 100) }
    let linear = TrainingChart(
      title: "t", xAxisLabel: "epoch", loss: [ChartSeries(name: "training", points: gentle)], accuracy: [])
    #expect(try Self.elements("text", class: "y-label", in: Self.parse(linear)).first?.stringValue == "loss")
  }

  @Test("markup characters in the title and the series names are escaped and read back unchanged")
  func escaping() throws {
    let name = "<train & \"test\"> 'x'"
    let chart = TrainingChart(
      title: "a < b & c > \"d\"", xAxisLabel: "epoch & more",
      loss: [ChartSeries(name: name, points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: 0.5)])], accuracy: [])
    let text = chart.svg()
    #expect(!text.contains("<train"))
    let root = try Self.parse(chart)
    #expect(Self.elements("text", class: "title", in: root).first?.stringValue == "a < b & c > \"d\"")
    #expect(Self.elements("title", in: root).first?.stringValue == "a < b & c > \"d\"")
    #expect(Self.elements("text", class: "legend-entry", in: root).first?.stringValue == name)
    #expect(Self.elements("text", class: "x-label", in: root).first?.stringValue == "epoch & more")
  }

  @Test("a long title shrinks to fit, and one too long even at the smallest size is cut with an ellipsis")
  func longTitle() {
    let short = ChartTitle("4-12-6-3 on iris", width: 700)
    #expect(short.text == "4-12-6-3 on iris" && short.fontSize == 17)
    // 80 characters in 700 units: 700 / (80 · 0.62) = 14.1, so size 14, whole.
    let long = String(repeating: "a", count: 80)
    let fitted = ChartTitle(long, width: 700)
    #expect(fitted.text == long && fitted.fontSize == 14)
    // 200 characters: at size 12 only 700 / 7.44 = 94 fit, so 93 and an ellipsis.
    let cut = ChartTitle(String(repeating: "b", count: 200), width: 700)
    #expect(cut.fontSize == 12 && cut.text.count == 94 && cut.text.hasSuffix("…"))
  }

  @Test("a NaN or infinite value breaks the line there; the rest is drawn")
  func brokenLine() throws {
    let values = [1.0, 0.9, .nan, 0.7, 0.6, .infinity, 0.4, 0.3, 0.2]
    let points = values.enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element) }
    let chart = TrainingChart(
      title: "t", xAxisLabel: "epoch", loss: [ChartSeries(name: "training", points: points)], accuracy: [])
    let root = try Self.parse(chart)
    let path = try #require(Self.elements("path", in: root).first.flatMap { Self.attribute("d", of: $0) })
    #expect(Self.runs(of: path).map(\.count) == [2, 2, 3])
    #expect(!path.lowercased().contains("nan") && !path.lowercased().contains("inf"))
  }

  @Test("no data, all-NaN data, one point and constant values all give valid documents")
  func degenerate() throws {
    let empty = TrainingChart(title: "", xAxisLabel: "epoch", loss: [], accuracy: [])
    let emptyRoot = try Self.parse(empty)
    #expect(Self.elements("text", class: "no-data", in: emptyRoot).count == 1)
    #expect(Self.elements("path", in: emptyRoot).isEmpty)

    let allNaN = ChartSeries(name: "training", points: [ChartPoint(x: 1, y: .nan), ChartPoint(x: .nan, y: 2)])
    let nanRoot = try Self.parse(
      TrainingChart(title: "t", xAxisLabel: "epoch", loss: [allNaN], accuracy: [allNaN]))
    #expect(Self.elements("text", class: "no-data", in: nanRoot).count == 2)
    #expect(!(try #require(nanRoot.xmlString as String?)).lowercased().contains("nan\""))

    let single = ChartSeries(name: "training", points: [ChartPoint(x: 1, y: 0.7)])
    let singleRoot = try Self.parse(TrainingChart(title: "t", xAxisLabel: "epoch", loss: [single], accuracy: []))
    let dot = try #require(Self.elements("circle", in: singleRoot).first)
    let area = try Self.plotArea("loss", in: singleRoot)
    let centre = (
      Double(Self.attribute("cx", of: dot) ?? "") ?? .nan, Double(Self.attribute("cy", of: dot) ?? "") ?? .nan
    )
    #expect(area.x < centre.0 && centre.0 < area.right && area.y < centre.1 && centre.1 < area.bottom)

    let flat = ChartSeries(name: "training", points: (1...20).map { ChartPoint(x: Double($0), y: 0.25) })
    let flatRoot = try Self.parse(TrainingChart(title: "t", xAxisLabel: "epoch", loss: [flat], accuracy: []))
    let flatArea = try Self.plotArea("loss", in: flatRoot)
    let path = try #require(Self.elements("path", in: flatRoot).first.flatMap { Self.attribute("d", of: $0) })
    let heights = Set(try #require(Self.runs(of: path).first).map(\.y))
    #expect(heights.count == 1)
    #expect(heights.allSatisfy { flatArea.y < $0 && $0 < flatArea.bottom })
  }

  @Test("a million points are thinned to at most 2000, keeping the spike and the dip")
  func thinning() throws {
    var points = (0..<1_000_000).map { ChartPoint(x: Double($0), y: 1 + 0.001 * sin(Double($0))) }
    points[123_457].y = 40
    points[765_433].y = -3
    let thinned = ChartThinning.thinned(points)
    #expect(thinned.count <= 2000)
    #expect(thinned.contains(points[123_457]))
    #expect(thinned.contains(points[765_433]))
    #expect(zip(thinned, thinned.dropFirst()).allSatisfy { $0.x < $1.x })
    #expect(thinned.first?.x ?? 0 < 1000 && thinned.last?.x ?? 0 > 999_000)

    let chart = TrainingChart(
      title: "t", xAxisLabel: "iteration", loss: [ChartSeries(name: "training", points: points)], accuracy: [])
    let root = try Self.parse(chart)
    let path = try #require(Self.elements("path", in: root).first.flatMap { Self.attribute("d", of: $0) })
    let drawn = Self.runs(of: path).flatMap { $0 }
    #expect(drawn.count <= 2000)
    let area = try Self.plotArea("loss", in: root)
    #expect(drawn.contains { abs($0.y - area.y) < 1 }, "the spike reaches the top of the plot area")
  }

  @Test("thinning keeps a break where a bucket holds a NaN, and leaves short lines alone")
  func thinningBreaks() {
    var points = (0..<10_000).map { ChartPoint(x: Double($0), y: Double($0 % 7)) }
    points[5_000].y = .nan
    let thinned = ChartThinning.thinned(points, maximumCount: 100)
    #expect(thinned.filter { $0.y.isNaN }.count == 1)
    #expect(thinned.count <= 101)
    let short = Array(points.prefix(50))
    #expect(ChartThinning.thinned(short, maximumCount: 100) == short)
  }
}
