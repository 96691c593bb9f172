import Foundation

/// One panel of a chart: a plot area with its own y axis, sharing the chart's x axis.
struct ChartPanel {
  /// A name for the panel, used in its element classes and clip path id: `loss` or `accuracy`.
  var identifier: String
  /// The lines drawn in the panel.
  var series: [ChartSeries]
  /// The vertical axis.
  var yAxis: ChartAxis
  /// The vertical axis's label.
  var yAxisLabel: String
  /// The plot area, inside the axes.
  var frame: ChartRect

  /// Draws the panel: grid, frame, tick marks and labels, then the lines on top (clipped to the plot area).
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - xAxis: The chart's shared horizontal axis.
  ///   - palette: The colour of each series.
  ///   - showsXTickLabels: Whether the x tick labels are written under this panel (only under the last one).
  func draw(into writer: inout SVGWriter, xAxis: ChartAxis, palette: ChartPalette, showsXTickLabels: Bool) {
    writer.openGroup(["class": "panel", "data-panel": identifier])
    writer.element(
      "rect",
      [
        "class": "plot-area", "x": SVGWriter.number(frame.x), "y": SVGWriter.number(frame.y),
        "width": SVGWriter.number(frame.width), "height": SVGWriter.number(frame.height), "fill": "#ffffff",
      ])
    drawGrid(into: &writer, xAxis: xAxis)
    drawAxes(into: &writer, xAxis: xAxis, showsXTickLabels: showsXTickLabels)
    drawSeries(into: &writer, xAxis: xAxis, palette: palette)
    writer.closeGroup()
  }

  /// Draws the grid lines at every tick, and lighter ones between the decades of a logarithmic y axis.
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - xAxis: The shared horizontal axis.
  private func drawGrid(into writer: inout SVGWriter, xAxis: ChartAxis) {
    writer.openGroup(["class": "grid", "stroke-width": "1", "shape-rendering": "crispEdges"])
    for value in minorYValues {
      guard let fraction = yAxis.fraction(of: value) else { continue }
      horizontalLine(
        into: &writer, at: frame.point(horizontal: 0, vertical: fraction).y,
        colour: ChartStyle.minorGridColour)
    }
    for tick in yAxis.ticks {
      guard let fraction = yAxis.fraction(of: tick.value) else { continue }
      horizontalLine(
        into: &writer, at: frame.point(horizontal: 0, vertical: fraction).y,
        colour: ChartStyle.gridColour)
    }
    for tick in xAxis.ticks {
      guard let fraction = xAxis.fraction(of: tick.value) else { continue }
      let x = SVGWriter.number(frame.point(horizontal: fraction, vertical: 0).x)
      writer.element(
        "line",
        [
          "x1": x, "y1": SVGWriter.number(frame.y), "x2": x, "y2": SVGWriter.number(frame.bottom),
          "stroke": ChartStyle.gridColour,
        ])
    }
    writer.closeGroup()
  }

  /// The values 2…9 · 10^k strictly inside a logarithmic y axis whose ticks are one decade apart
  /// (none otherwise).
  private var minorYValues: [Double] {
    guard yAxis.scale == .logarithmic, yAxis.ticks.count >= 2,
      yAxis.ticks[1].value / yAxis.ticks[0].value < 11
    else { return [] }
    let decades = Int(floor(log10(yAxis.lower)))..<Int(ceil(log10(yAxis.upper)))
    return decades.flatMap { decade in (2...9).map { Double($0) * NiceStep.power(decade) } }
      .filter { yAxis.lower < $0 && $0 < yAxis.upper }
  }

  /// Draws one horizontal line across the plot area.
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - y: The line's y coordinate.
  ///   - colour: The stroke colour.
  private func horizontalLine(into writer: inout SVGWriter, at y: Double, colour: String) {
    writer.element(
      "line",
      [
        "x1": SVGWriter.number(frame.x), "y1": SVGWriter.number(y), "x2": SVGWriter.number(frame.right),
        "y2": SVGWriter.number(y), "stroke": colour,
      ])
  }
}
