/// A training chart: a loss panel and, for classification, an accuracy panel, sharing the x axis.
///
/// Series of the same name share one colour and one legend entry across both panels, so the training loss and
/// the training accuracy should both be called e.g. "training" (and the validation ones "validation", dashed).
///
/// ```swift
/// let chart = TrainingChart(
///   title: "4-12-6-3 on iris", xAxisLabel: "epoch",
///   loss: [ChartSeries(name: "training", points: points)], accuracy: [])
/// try chart.svg().write(to: url, atomically: true, encoding: .utf8)
/// ```
struct TrainingChart {
  /// The title above the chart, e.g. "4-12-6-3 on iris".
  var title: String
  /// The label of the shared x axis: "epoch" or "iteration".
  var xAxisLabel: String
  /// The loss lines, one or two.
  var loss: [ChartSeries]
  /// The accuracy lines (fractions 0…1); empty for regression, and then only the loss panel is drawn.
  var accuracy: [ChartSeries]
  /// The loss panel's y axis label; " (log scale)" is added when the axis is logarithmic.
  var lossAxisLabel: String = "loss"

  /// The whole SVG document.
  func svg() -> String {
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
