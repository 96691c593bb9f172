extension ChartPanel {
  /// Draws the frame around the plot area, the tick marks and tick labels, and the y axis label.
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - xAxis: The shared horizontal axis.
  ///   - showsXTickLabels: Whether the x tick labels are written under the panel.
  func drawAxes(into writer: inout SVGWriter, xAxis: ChartAxis, showsXTickLabels: Bool) {
    writer.element(
      "rect",
      [
        "class": "frame", "x": SVGWriter.number(frame.x), "y": SVGWriter.number(frame.y),
        "width": SVGWriter.number(frame.width), "height": SVGWriter.number(frame.height), "fill": "none",
        "stroke": ChartStyle.axisColour, "stroke-width": "1", "shape-rendering": "crispEdges",
      ])
    writer.openGroup(["class": "y-ticks", "fill": ChartStyle.textColour, "text-anchor": "end"])
    for tick in yAxis.ticks {
      guard let fraction = yAxis.fraction(of: tick.value) else { continue }
      let y = frame.point(horizontal: 0, vertical: fraction).y
      tickMark(into: &writer, from: (frame.x - ChartStyle.tickLength, y), to: (frame.x, y))
      writer.element(
        "text",
        [
          "class": "y-tick", "x": SVGWriter.number(frame.x - ChartStyle.tickLength - 3), "y": SVGWriter.number(y),
          "dy": "0.35em",
        ], text: tick.label)
    }
    writer.closeGroup()
    writer.openGroup(["class": "x-ticks", "fill": ChartStyle.textColour, "text-anchor": "middle"])
    for tick in xAxis.ticks {
      guard let fraction = xAxis.fraction(of: tick.value) else { continue }
      let x = frame.point(horizontal: fraction, vertical: 0).x
      tickMark(into: &writer, from: (x, frame.bottom), to: (x, frame.bottom + ChartStyle.tickLength))
      if showsXTickLabels {
        writer.element(
          "text", ["class": "x-tick", "x": SVGWriter.number(x), "y": SVGWriter.number(frame.bottom + 19)],
          text: tick.label)
      }
    }
    writer.closeGroup()
    let middle = SVGWriter.number(frame.y + frame.height / 2)
    writer.element(
      "text",
      [
        "class": "y-label", "x": "0", "y": "0", "transform": "translate(20 \(middle)) rotate(-90)",
        "text-anchor": "middle", "font-size": "13", "fill": ChartStyle.textColour,
      ], text: yAxisLabel)
  }

  /// Draws one tick mark.
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - start: One end.
  ///   - end: The other end.
  private func tickMark(into writer: inout SVGWriter, from start: (Double, Double), to end: (Double, Double)) {
    writer.element(
      "line",
      [
        "x1": SVGWriter.number(start.0), "y1": SVGWriter.number(start.1), "x2": SVGWriter.number(end.0),
        "y2": SVGWriter.number(end.1), "stroke": ChartStyle.axisColour, "shape-rendering": "crispEdges",
      ])
  }
}
