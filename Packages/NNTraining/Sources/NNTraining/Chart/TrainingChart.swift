/// A training chart: a loss panel and, for classification, an accuracy panel, sharing the x axis, written as
/// one SVG document.
///
/// Series of the same name share one colour and one legend entry across both panels, so the training loss and
/// the training accuracy should both be called e.g. "training" (and the validation ones "validation", dashed).
/// The loss axis turns logarithmic when the positive losses span more than two decades (largest / smallest
/// > 100); the accuracy axis is labelled in percent. Lines of more than 2,000 points are thinned to the lowest
/// and highest point of each run of consecutive points, so spikes stay visible.
///
/// ```swift
/// let points = losses.enumerated().map { ChartPoint(x: Double($0.offset + 1), y: $0.element) }
/// let chart = TrainingChart(
///   title: "4-12-6-3 on iris", xAxisLabel: "epoch",
///   loss: [ChartSeries(name: "training", points: points)], accuracy: [])
/// try chart.svg().write(toFile: "loss.svg", atomically: true, encoding: .utf8)
/// ```
///
/// ``TrainingHistory/chart(title:)`` draws a whole ``TrainingHistory`` this way.
public struct TrainingChart: Equatable, Sendable {
  /// The title above the chart, e.g. "4-12-6-3 on iris".
  public var title: String
  /// The label of the shared x axis: "epoch" or "iteration".
  public var xAxisLabel: String
  /// The loss lines, one or two.
  public var loss: [ChartSeries]
  /// The accuracy lines (fractions 0…1); empty for regression, and then only the loss panel is drawn.
  public var accuracy: [ChartSeries]
  /// The loss panel's y axis label; " (log scale)" is added when the axis is logarithmic.
  public var lossAxisLabel: String

  /// A chart of the given lines.
  ///
  /// - Parameters:
  ///   - title: The title above the chart, e.g. "4-12-6-3 on iris".
  ///   - xAxisLabel: The label of the shared x axis: "epoch" or "iteration".
  ///   - loss: The loss lines.
  ///   - accuracy: The accuracy lines, fractions 0…1; empty to draw the loss panel alone.
  ///   - lossAxisLabel: The loss panel's y axis label.
  public init(
    title: String, xAxisLabel: String, loss: [ChartSeries], accuracy: [ChartSeries], lossAxisLabel: String = "loss"
  ) {
    self.title = title
    self.xAxisLabel = xAxisLabel
    self.loss = loss
    self.accuracy = accuracy
    self.lossAxisLabel = lossAxisLabel
  }

  /// The whole SVG document: 800 user units wide, with a `viewBox` so that it scales, the title, a legend row,
  /// the panels and the x axis label; every text is XML-escaped.
  ///
  /// - Returns: The document's text, ending in a newline.
  public func svg() -> String {
    let layout = ChartLayout(chart: self)
    let palette = ChartPalette(series: loss + accuracy)
    var writer = SVGWriter(width: ChartStyle.width, height: layout.height)
    let plotCentre = layout.plotLeft + layout.plotWidth / 2
    let heading = ChartTitle(title, width: 2 * min(plotCentre, ChartStyle.width - plotCentre) - 16)
    writer.element(
      "text",
      [
        "class": "title", "x": SVGWriter.number(plotCentre), "y": SVGWriter.number(ChartStyle.titleBaseline),
        "text-anchor": "middle", "font-size": SVGWriter.number(heading.fontSize), "font-weight": "bold",
        "fill": ChartStyle.textColour,
      ], text: heading.text)
    ChartLegend(series: loss + accuracy).draw(
      into: &writer, centre: (plotCentre, ChartStyle.legendCentre), palette: palette)
    for (index, panel) in layout.panels.enumerated() {
      panel.draw(
        into: &writer, xAxis: layout.xAxis, palette: palette,
        showsXTickLabels: index == layout.panels.count - 1)
    }
    let bottom = layout.panels.last?.frame.bottom ?? ChartStyle.plotTop
    writer.element(
      "text",
      [
        "class": "x-label", "x": SVGWriter.number(plotCentre), "y": SVGWriter.number(bottom + 44),
        "text-anchor": "middle", "font-size": "13", "fill": ChartStyle.textColour,
      ], text: xAxisLabel)
    return writer.document(title: title)
  }
}
