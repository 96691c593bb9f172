/// The legend of a chart: one entry per series name, a short line in the series' colour and dash, then its name.
struct ChartLegend {
  /// One legend entry.
  struct Entry: Equatable {
    /// The series name.
    var name: String
    /// Whether the series is dashed.
    var isDashed: Bool
  }

  /// The entries, in order of first appearance.
  let entries: [Entry]

  /// The length of the line sample.
  private static let sampleLength = 26.0
  /// The space between the sample and the name.
  private static let sampleGap = 6.0
  /// The space between entries.
  private static let entryGap = 22.0

  /// A legend with one entry per distinct name of `series`, the first series of a name giving its dash.
  ///
  /// - Parameters:
  ///   - series: Every series of the chart, in drawing order.
  init(series: [ChartSeries]) {
    var entries: [Entry] = []
    for item in series where !entries.contains(where: { $0.name == item.name }) {
      entries.append(Entry(name: item.name, isDashed: item.isDashed))
    }
    self.entries = entries
  }

  /// The estimated width of one entry.
  ///
  /// - Parameters:
  ///   - entry: An entry.
  private static func width(of entry: Entry) -> Double {
    sampleLength + sampleGap + Double(entry.name.count) * ChartStyle.characterWidth
  }

  /// Draws the legend in one row centred on `centre`.
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - centre: The middle of the row.
  ///   - palette: The colour of each series.
  func draw(into writer: inout SVGWriter, centre: (x: Double, y: Double), palette: ChartPalette) {
    guard !entries.isEmpty else { return }
    let total = entries.map(Self.width).reduce(0, +) + Double(entries.count - 1) * Self.entryGap
    var x = centre.x - total / 2
    writer.openGroup(["class": "legend", "fill": ChartStyle.textColour])
    for entry in entries {
      let y = SVGWriter.number(centre.y)
      let colour = palette.colour(for: entry.name)
      writer.element(
        "line",
        [
          "x1": SVGWriter.number(x), "y1": y, "x2": SVGWriter.number(x + Self.sampleLength), "y2": y,
          "stroke": colour, "stroke-width": "2.5",
        ], more: entry.isDashed ? ["stroke-dasharray": ChartStyle.dashPattern] : [:])
      writer.element(
        "text",
        [
          "class": "legend-entry", "x": SVGWriter.number(x + Self.sampleLength + Self.sampleGap), "y": y,
          "dy": "0.35em",
        ], text: entry.name)
      x += Self.width(of: entry) + Self.entryGap
    }
    writer.closeGroup()
  }
}
